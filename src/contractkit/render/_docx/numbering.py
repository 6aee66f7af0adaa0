"""The contract's multi-level Word numbering, and who uses which level.

One abstract definition numbers the whole contract:

* level 0, ``%1.``, linked to Heading 1: the sections, ``1.``, ``2.``;
* level 1, ``%1.%2``, linked to the Clause style: numbered paragraphs,
  ``3.1``; it restarts after every heading;
* level 2, ``(%3)`` in lower-case letters, linked to the Clause Item style:
  list items, ``(a)`` ... ``(z)``, ``(aa)``; it restarts after every heading
  and numbered paragraph.

No level sets ``w:lvlRestart``: by default a level restarts whenever a
higher level is used, which is exactly the rule above. A list that follows
another list with no numbered paragraph between them gets its own numbering
instance whose level 2 starts over at ``(a)``, as the text renderer letters
every list from ``a``.
"""

from __future__ import annotations

from typing import Final

from contractkit.render._docx.xml import W_NS

CLAUSE_NUM_ID: Final = 1
"""The numbering instance shared by headings, clauses and first lists."""

HEADING_LEVEL: Final = 0
CLAUSE_LEVEL: Final = 1
ITEM_LEVEL: Final = 2

_ABSTRACT_ID: Final = 0
_INDENT: Final = 720

NUMBERING_XML: Final = f"""\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="{_ABSTRACT_ID}">
    <w:nsid w:val="4B43F001"/>
    <w:multiLevelType w:val="multilevel"/>
    <w:tmpl w:val="4B43F0FF"/>
    <w:name w:val="Contract Clauses"/>
    <w:lvl w:ilvl="{HEADING_LEVEL}">
      <w:start w:val="1"/>
      <w:numFmt w:val="decimal"/>
      <w:pStyle w:val="Heading1"/>
      <w:lvlText w:val="%1."/>
      <w:lvlJc w:val="left"/>
      <w:pPr>
        <w:ind w:left="{_INDENT}" w:hanging="{_INDENT}"/>
      </w:pPr>
    </w:lvl>
    <w:lvl w:ilvl="{CLAUSE_LEVEL}">
      <w:start w:val="1"/>
      <w:numFmt w:val="decimal"/>
      <w:pStyle w:val="Clause"/>
      <w:lvlText w:val="%1.%2"/>
      <w:lvlJc w:val="left"/>
      <w:pPr>
        <w:ind w:left="{_INDENT}" w:hanging="{_INDENT}"/>
      </w:pPr>
    </w:lvl>
    <w:lvl w:ilvl="{ITEM_LEVEL}">
      <w:start w:val="1"/>
      <w:numFmt w:val="lowerLetter"/>
      <w:pStyle w:val="ClauseItem"/>
      <w:lvlText w:val="(%3)"/>
      <w:lvlJc w:val="left"/>
      <w:pPr>
        <w:ind w:left="{2 * _INDENT}" w:hanging="{_INDENT}"/>
      </w:pPr>
    </w:lvl>
  </w:abstractNum>
  <w:num w:numId="{CLAUSE_NUM_ID}">
    <w:abstractNumId w:val="{_ABSTRACT_ID}"/>
  </w:num>
</w:numbering>
"""
"""The numbering part, ``word/numbering.xml``, of the base package."""


def list_restart(num_id: int) -> str:
    """Return the ``w:num`` of instance ``num_id``, whose list starts at (a)."""
    return (
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{_ABSTRACT_ID}"/>'
        f'<w:lvlOverride w:ilvl="{ITEM_LEVEL}"><w:startOverride w:val="1"/>'
        "</w:lvlOverride></w:num>"
    )


class ClauseNumbering:
    """Hands each numbered paragraph its numbering instance, in document order.

    It checks that the numbers Word will show are the numbers in the
    document tree: sections ``1``, ``2``, ... and paragraphs ``n.1``,
    ``n.2``, ... as the composer assigns them.
    """

    def __init__(self) -> None:
        self._next_num_id = CLAUSE_NUM_ID + 1
        self._section = 0
        self._clause = 0
        self._list_restarts = True

    def heading(self, number: str) -> int:
        """Return the numbering instance of the heading of section ``number``.

        Raises:
            ValueError: ``number`` is not the next section number.
        """
        expected = str(self._section + 1)
        self._check("section", number, expected)

        self._section += 1
        self._clause = 0
        self._list_restarts = True
        return CLAUSE_NUM_ID

    def clause(self, number: str) -> int:
        """Return the numbering instance of numbered paragraph ``number``.

        Raises:
            ValueError: ``number`` is not the next paragraph number.
        """
        expected = f"{self._section}.{self._clause + 1}"
        self._check("paragraph", number, expected)

        self._clause += 1
        self._list_restarts = True
        return CLAUSE_NUM_ID

    def item_list(self) -> int:
        """Return the numbering instance of a new list, whose first item is (a)."""
        if self._list_restarts:
            self._list_restarts = False
            return CLAUSE_NUM_ID

        num_id = self._next_num_id
        self._next_num_id += 1
        return num_id

    def state(self) -> tuple[int, int, int, bool]:
        """Return where the numbering stands, to resume from with :meth:`resume`."""
        return (self._next_num_id, self._section, self._clause, self._list_restarts)

    def resume(self, state: tuple[int, int, int, bool]) -> None:
        """Stand where :meth:`state` said, as after writing the same blocks."""
        self._next_num_id, self._section, self._clause, self._list_restarts = state

    @property
    def restarts(self) -> int:
        """How many list instances besides ``CLAUSE_NUM_ID`` were handed out."""
        return self._next_num_id - CLAUSE_NUM_ID - 1

    def _check(self, kind: str, number: str, expected: str) -> None:
        if number != expected:
            raise ValueError(
                f"The DOCX renderer numbers each {kind} with Word numbering and "
                f"expected {kind} {expected!r} here, but the document tree says "
                f"{number!r}; number sections 1, 2, ... and paragraphs n.1, n.2, "
                "... in document order."
            )
