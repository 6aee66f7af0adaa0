"""The Word styles of every contract, and the ids the renderer applies.

The renderer sets style ids directly, so no style is ever looked up by name
while a document is written. Numbered styles carry their numbering (see
:mod:`contractkit.render._docx.numbering`), so a paragraph a user adds in
Word with one of these styles joins the contract's numbering.
"""

from __future__ import annotations

from typing import Final

from contractkit.render._docx.numbering import CLAUSE_NUM_ID

TITLE: Final = "Title"
SUBTITLE: Final = "Subtitle"
HEADING: Final = "Heading1"
CLAUSE: Final = "Clause"
CLAUSE_ITEM: Final = "ClauseItem"
BODY: Final = "BodyText"
BODY_INDENT: Final = "BodyTextIndent"
HEADER: Final = "Header"
FOOTER: Final = "Footer"
TABLE_GRID: Final = "TableGrid"
SIGNATURE_TABLE: Final = "SignatureTable"
TABLE_TEXT: Final = "TableText"
SIGNATURE: Final = "Signature"

BODY_FONT: Final = "Calibri"

STYLES_XML: Final = f"""\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:docDefaults>
    <w:rPrDefault>
      <w:rPr>
        <w:rFonts w:ascii="{BODY_FONT}" w:eastAsia="{BODY_FONT}"
                  w:hAnsi="{BODY_FONT}" w:cs="{BODY_FONT}"/>
        <w:sz w:val="22"/>
        <w:szCs w:val="22"/>
        <w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/>
      </w:rPr>
    </w:rPrDefault>
    <w:pPrDefault>
      <w:pPr>
        <w:spacing w:after="160" w:line="264" w:lineRule="auto"/>
      </w:pPr>
    </w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal">
    <w:name w:val="Normal"/>
    <w:qFormat/>
  </w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
    <w:name w:val="Default Paragraph Font"/>
    <w:uiPriority w:val="1"/>
    <w:semiHidden/>
    <w:unhideWhenUsed/>
  </w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal">
    <w:name w:val="Normal Table"/>
    <w:uiPriority w:val="99"/>
    <w:semiHidden/>
    <w:unhideWhenUsed/>
    <w:tblPr>
      <w:tblInd w:w="0" w:type="dxa"/>
      <w:tblCellMar>
        <w:top w:w="0" w:type="dxa"/>
        <w:left w:w="108" w:type="dxa"/>
        <w:bottom w:w="0" w:type="dxa"/>
        <w:right w:w="108" w:type="dxa"/>
      </w:tblCellMar>
    </w:tblPr>
  </w:style>
  <w:style w:type="numbering" w:default="1" w:styleId="NoList">
    <w:name w:val="No List"/>
    <w:uiPriority w:val="99"/>
    <w:semiHidden/>
    <w:unhideWhenUsed/>
  </w:style>
  <w:style w:type="paragraph" w:styleId="{TITLE}">
    <w:name w:val="Title"/>
    <w:basedOn w:val="Normal"/>
    <w:next w:val="{SUBTITLE}"/>
    <w:uiPriority w:val="10"/>
    <w:qFormat/>
    <w:pPr>
      <w:keepNext/>
      <w:spacing w:before="0" w:after="120" w:line="240" w:lineRule="auto"/>
      <w:jc w:val="center"/>
    </w:pPr>
    <w:rPr>
      <w:b/>
      <w:bCs/>
      <w:caps/>
      <w:spacing w:val="10"/>
      <w:kern w:val="28"/>
      <w:sz w:val="32"/>
      <w:szCs w:val="32"/>
    </w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="{SUBTITLE}">
    <w:name w:val="Subtitle"/>
    <w:basedOn w:val="Normal"/>
    <w:next w:val="{BODY}"/>
    <w:uiPriority w:val="11"/>
    <w:qFormat/>
    <w:pPr>
      <w:spacing w:after="480"/>
      <w:jc w:val="center"/>
    </w:pPr>
    <w:rPr>
      <w:color w:val="404040"/>
      <w:sz w:val="20"/>
      <w:szCs w:val="20"/>
    </w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="{HEADING}">
    <w:name w:val="heading 1"/>
    <w:basedOn w:val="Normal"/>
    <w:next w:val="{CLAUSE}"/>
    <w:uiPriority w:val="9"/>
    <w:qFormat/>
    <w:pPr>
      <w:keepNext/>
      <w:keepLines/>
      <w:numPr>
        <w:numId w:val="{CLAUSE_NUM_ID}"/>
      </w:numPr>
      <w:spacing w:before="360" w:after="120"/>
      <w:outlineLvl w:val="0"/>
    </w:pPr>
    <w:rPr>
      <w:b/>
      <w:bCs/>
      <w:caps/>
      <w:sz w:val="24"/>
      <w:szCs w:val="24"/>
    </w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="{CLAUSE}">
    <w:name w:val="Clause"/>
    <w:basedOn w:val="Normal"/>
    <w:qFormat/>
    <w:pPr>
      <w:numPr>
        <w:ilvl w:val="1"/>
        <w:numId w:val="{CLAUSE_NUM_ID}"/>
      </w:numPr>
    </w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="{CLAUSE_ITEM}">
    <w:name w:val="Clause Item"/>
    <w:basedOn w:val="Normal"/>
    <w:qFormat/>
    <w:pPr>
      <w:numPr>
        <w:ilvl w:val="2"/>
        <w:numId w:val="{CLAUSE_NUM_ID}"/>
      </w:numPr>
      <w:spacing w:after="80"/>
    </w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="{BODY}">
    <w:name w:val="Body Text"/>
    <w:basedOn w:val="Normal"/>
    <w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/>
    <w:qFormat/>
  </w:style>
  <w:style w:type="paragraph" w:styleId="{BODY_INDENT}">
    <w:name w:val="Body Text Indent"/>
    <w:basedOn w:val="{BODY}"/>
    <w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/>
    <w:pPr>
      <w:ind w:left="720"/>
    </w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="{HEADER}">
    <w:name w:val="header"/>
    <w:basedOn w:val="Normal"/>
    <w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/>
    <w:pPr>
      <w:spacing w:after="0" w:line="240" w:lineRule="auto"/>
      <w:jc w:val="right"/>
    </w:pPr>
    <w:rPr>
      <w:color w:val="595959"/>
      <w:sz w:val="18"/>
      <w:szCs w:val="18"/>
    </w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="{FOOTER}">
    <w:name w:val="footer"/>
    <w:basedOn w:val="Normal"/>
    <w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/>
    <w:pPr>
      <w:spacing w:after="0" w:line="240" w:lineRule="auto"/>
      <w:jc w:val="center"/>
    </w:pPr>
    <w:rPr>
      <w:color w:val="595959"/>
      <w:sz w:val="18"/>
      <w:szCs w:val="18"/>
    </w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="{TABLE_TEXT}">
    <w:name w:val="Table Text"/>
    <w:basedOn w:val="Normal"/>
    <w:qFormat/>
    <w:pPr>
      <w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>
    </w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="{SIGNATURE}">
    <w:name w:val="Signature Line"/>
    <w:basedOn w:val="{TABLE_TEXT}"/>
    <w:qFormat/>
    <w:pPr>
      <w:keepNext/>
      <w:spacing w:before="360"/>
    </w:pPr>
  </w:style>
  <w:style w:type="table" w:styleId="{TABLE_GRID}">
    <w:name w:val="Table Grid"/>
    <w:basedOn w:val="TableNormal"/>
    <w:uiPriority w:val="39"/>
    <w:pPr>
      <w:spacing w:after="0" w:line="240" w:lineRule="auto"/>
    </w:pPr>
    <w:tblPr>
      <w:tblBorders>
        <w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>
        <w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>
        <w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>
        <w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>
        <w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>
        <w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>
      </w:tblBorders>
    </w:tblPr>
  </w:style>
  <w:style w:type="table" w:customStyle="1" w:styleId="{SIGNATURE_TABLE}">
    <w:name w:val="Signature Table"/>
    <w:basedOn w:val="TableNormal"/>
    <w:tblPr>
      <w:tblCellMar>
        <w:left w:w="0" w:type="dxa"/>
        <w:right w:w="360" w:type="dxa"/>
      </w:tblCellMar>
    </w:tblPr>
  </w:style>
</w:styles>
"""
"""The styles part, ``word/styles.xml``; ``w:lang`` is set per document."""
