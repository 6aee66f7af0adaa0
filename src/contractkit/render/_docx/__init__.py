"""The machinery behind the DOCX renderer.

``base`` assembles the styled base package once per process, ``styles`` and
``numbering`` hold its Word definitions, ``xml`` writes body elements,
``properties`` the document properties and ``archive`` the reproducible zip.
"""
