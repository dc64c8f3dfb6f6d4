"""The fixed parts of an exported .docx: package plumbing, styles, fonts, list numbering.

The look is that of a 公文 (GB/T 9704-2012): body text 三号仿宋_GB2312 with Latin
letters and digits in Times New Roman, a title 二号方正小标宋简体 centred, headings
in the order 黑体, 楷体_GB2312, 仿宋_GB2312 bold, 仿宋_GB2312; lines at least 28 pt apart.
A machine without those fonts gets the ``altName`` from the font table (仿宋, 楷体, 黑体)
instead of whatever Word would pick.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from desk.documents import ooxml

STYLES_ID, NUMBERING_ID, FONT_TABLE_ID = "rId1", "rId2", "rId3"
BULLET_LIST = 1  # numId of every bulleted list; each <ol> gets its own numId after it
LIST_INDENT = 2 * ooxml.CHAR_WIDTH  # per level
MAX_LEVEL = 8  # Word's lists have nine levels, 0–8

MEDIA_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "webp": "image/webp",
}
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_BULLETS = ("•", "◦", "▪")
_FONTS = {  # the 公文 fonts and what stands in for them
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "方正小标宋简体": "黑体",
    "黑体": "SimHei",
}


def content_types() -> str:
    defaults = {
        "rels": "application/vnd.openxmlformats-package.relationships+xml",
        "xml": "application/xml",
        **MEDIA_TYPES,
    }
    overrides = {
        "/word/document.xml": _MAIN + "document.main+xml",
        "/word/styles.xml": _MAIN + "styles+xml",
        "/word/numbering.xml": _MAIN + "numbering+xml",
        "/word/fontTable.xml": _MAIN + "fontTable+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    }
    return (
        ooxml.DECLARATION
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in defaults.items())
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides.items())
        + "</Types>"
    )


def package_relationships() -> str:
    return relationships(
        [
            ("rId1", ooxml.REL_TYPE + "officeDocument", "word/document.xml", False),
            (
                "rId2",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml",
                False,
            ),
        ]
    )


def document_relationships(extra: Iterable[tuple[str, str, str, bool]]) -> str:
    """The document's relationships: styles, numbering and fonts, then ``extra``."""
    fixed = [
        (STYLES_ID, ooxml.REL_TYPE + "styles", "styles.xml", False),
        (NUMBERING_ID, ooxml.REL_TYPE + "numbering", "numbering.xml", False),
        (FONT_TABLE_ID, ooxml.REL_TYPE + "fontTable", "fontTable.xml", False),
    ]
    return relationships([*fixed, *extra])


def relationships(entries: Iterable[tuple[str, str, str, bool]]) -> str:
    """A .rels part from ``(id, type, target, external)``."""
    items = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{ooxml.attribute(target)}"'
        + (' TargetMode="External"/>' if external else "/>")
        for rid, kind, target, external in entries
    )
    return f'{ooxml.DECLARATION}<Relationships xmlns="{ooxml.RELS}">{items}</Relationships>'


def core_properties(title: str, when: datetime) -> str:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = "".join(
        f'<dcterms:{name} xsi:type="dcterms:W3CDTF">{stamp}</dcterms:{name}>'
        for name in ("created", "modified")
    )
    return (
        ooxml.DECLARATION
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{ooxml.text(title)}</dc:title>{dates}</cp:coreProperties>"
    )


def font_table() -> str:
    fonts = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alternative}"/><w:charset w:val="86"/>'
        '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        for name, alternative in _FONTS.items()
    )
    return f'{ooxml.DECLARATION}<w:fonts xmlns:w="{ooxml.W}">{fonts}</w:fonts>'


def numbering(ordered_lists: int) -> str:
    """Bullets (abstract 0, numId 1) and numbers (abstract 1), one numId per ordered list.

    Each ordered list restarts at 1 (``startOverride``): several <ol> in one draft are
    separate lists, not one list continued.
    """
    bullets = "".join(
        _level(level, "bullet", _BULLETS[level % len(_BULLETS)]) for level in range(9)
    )
    numbers = "".join(_level(level, "decimal", f"%{level + 1}.") for level in range(9))
    restarts = "".join(
        f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride>'
        for level in range(9)
    )
    ordered = "".join(
        f'<w:num w:numId="{BULLET_LIST + 1 + index}"><w:abstractNumId w:val="1"/>{restarts}</w:num>'
        for index in range(ordered_lists)
    )
    return (
        f'{ooxml.DECLARATION}<w:numbering xmlns:w="{ooxml.W}">'
        f"{_abstract(0, bullets)}{_abstract(1, numbers)}"
        f'<w:num w:numId="{BULLET_LIST}"><w:abstractNumId w:val="0"/></w:num>{ordered}'
        "</w:numbering>"
    )


def _abstract(number: int, levels: str) -> str:
    return (
        f'<w:abstractNum w:abstractNumId="{number}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>'
    )


def _level(level: int, kind: str, label: str) -> str:
    left = LIST_INDENT * (level + 1)
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{kind}"/>'
        f'<w:lvlText w:val="{label}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{LIST_INDENT}"/></w:pPr></w:lvl>'
    )


def _fonts(east_asia: str) -> str:
    return (
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
        f'w:eastAsia="{east_asia}" w:cs="Times New Roman"/>'
    )


def _paragraph_style(
    style_id: str, name: str, paragraph: str, run: str, *, outline: int | None = None
) -> str:
    level = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:qFormat/>'
        f"<w:pPr>{paragraph}{level}</w:pPr><w:rPr>{run}</w:rPr></w:style>"
    )


_INDENT_TWO_CHARS = '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
_HEADINGS = (  # h1–h6: the 公文 heading fonts, 三号, first line indented like the body
    _fonts("黑体"),
    _fonts("楷体_GB2312"),
    _fonts("仿宋_GB2312") + "<w:b/><w:bCs/>",
    _fonts("仿宋_GB2312"),
    _fonts("仿宋_GB2312"),
    _fonts("仿宋_GB2312"),
)


def styles() -> str:
    headings = "".join(
        _paragraph_style(
            f"Heading{level}",
            f"heading {level}",
            f'<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="0"/>{_INDENT_TWO_CHARS}',
            fonts,
            outline=level - 1,
        )
        for level, fonts in enumerate(_HEADINGS, start=1)
    )
    return (
        f'{ooxml.DECLARATION}<w:styles xmlns:w="{ooxml.W}">'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'{_fonts("仿宋_GB2312")}<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="0" w:line="560" w:lineRule="atLeast"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:semiHidden/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>"
        + _paragraph_style("BodyText", "Body Text", _INDENT_TWO_CHARS, "")
        + _paragraph_style(
            "Title",
            "Title",
            '<w:spacing w:before="0" w:after="560"/><w:jc w:val="center"/>',
            f'{_fonts("方正小标宋简体")}<w:sz w:val="44"/><w:szCs w:val="44"/>',
        )
        + headings
        + _paragraph_style(
            "HTMLPreformatted",
            "HTML Preformatted",
            '<w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>',
            '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:eastAsia="宋体" '
            'w:cs="Courier New"/><w:sz w:val="21"/><w:szCs w:val="21"/>',
        )
        + '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:color w:val="0563C1"/>'
        '<w:u w:val="single"/></w:rPr></w:style>'
        "</w:styles>"
    )
