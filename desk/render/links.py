"""Rewrite the parsed draft: links judged, images localized, hidden content dropped.

Runs on the tree from ``tree.parse`` (raw markup, styles still known), before nh3, and
writes canonical HTML: only allow-listed elements and attributes (``sanitize``), every
text and attribute value escaped (``<`` and ``>`` included), so the HTML parser inside
nh3 reads back exactly this tree; nh3 then runs as the last step, with the hrefs and
srcs approved here as the only URL values it lets through.

Links (``<a href>``): each is judged with ``desk.links.judge`` (no base: the publishing
URL is not known here), with its visible text so a 伪链 is caught. Only ``trusted`` ones
keep an href: absolute ones as the WHATWG parser normalised them (what the judge judged
is what the browser follows), relative ones as written. Any other verdict de-links the
anchor: the ``<a>`` is replaced by its content (text and formatting, and any image
inside it under the image rules), so the reader still reads what the author wrote.

Hidden content: an element a reader of the draft could not see (``VisibilityTracker``:
``display:none``, ``font-size:0``, off-screen, same colour as the background, the
``hidden`` attribute, <noscript> ...) is not published, with its text; a descendant that
undoes the hiding (``visibility:visible``) stays. Styles are dropped from the output, so
keeping hidden text would reveal it. A hidden link (暗链) is always removed, and so is a
link with nothing visible in it.

Images (``<img src>``):

* remote ``http(s)`` from a trusted host: kept (the normalised URL); its origin is added
  to the page's CSP ``img-src``;
* remote from any other host, or any other scheme: never referenced. A visible
  placeholder ``<span class="desk-removed-image">[已移除外部图片：ALT]</span>`` stands
  for it, named by its alt text (checked like all text: ``desk.review.check``), or
  ``[已移除外部图片]``; never by its address, which is the author's to choose and is not
  checked (the note names it, for the desk);
* a relative or ``file:`` src: the local file is read (``images.LocalImages``) and, if it
  is a PNG/JPEG/GIF/WebP/BMP, published as ``ASSETS/<sha256><ext>``; a ``data:`` URI
  (how a .docx embeds pictures) likewise; otherwise a placeholder (``[已移除图片：ALT]``),
  and the note says why;
* ``srcset`` and every other attribute but ``alt``/``width``/``height`` are dropped; the
  alt is published as announced (``html_text.announced_text``: one line, no invisible
  characters), exactly the text the check reads.

An image published without alt text (missing or blank) is reported as a note
(``render.image-no-alt``): government sites are inspected for accessibility.

Removed elements (``sanitize.DROPPED_WITH_CONTENT``) are counted in a note by tag; where
text went with them (an unclosed ``<template>`` or ``<select>`` holding the rest of the
page), the note is a warning saying how many characters, never a silent cut. A
``<button>`` is unwrapped: its label is text a browser shows.

Lines: the checked text (``html_text``) breaks the line at every block element, so the
page must too, or it would put together on one line what the check read on two
(百家<div>乐</div> inside a <p>). A block that is unwrapped inside a paragraph, a heading
or a link ends the line with a ``<br>`` where text follows; table parts are only written
inside a written table, and what else a table, a section or a row holds is written in a
cell of its own, so nh3's parser never moves it out in front of the table next to other
text (foster parenting).

Reporting: ``RenderNote`` (rule id, severity, message, source), not ``review.Finding``:
findings carry offsets into a field's plain text, and what is reported here is markup
(an href, an image source) with no honest offset; the check can turn notes into findings.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from ada_url import URL

from desk.documents.html_parser import BLOCK_ELEMENTS, VOID_ELEMENTS
from desk.documents.html_text import announced_text
from desk.links import LinkVerdict, Whitelist, judge
from desk.links.labels import describe
from desk.render.images import decode_data_uri, image_extension
from desk.render.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    BLOCK_TAGS,
    DROPPED_WITH_CONTENT,
    NUMERIC_ATTRIBUTES,
    PLACEHOLDER_CLASS,
    numeric_attribute,
)
from desk.render.tree import Element

NoteSeverity = Literal["warn", "info"]
ReadLocal = Callable[[str], bytes | None]

MAX_DEPTH = 64  # deeper markup is unwrapped: no parser or serializer downstream recurses far
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_WEB_SCHEMES = frozenset({"http", "https"})
_CSP_HOST_RE = re.compile(r"^[a-z0-9.-]+(?::[0-9]{1,5})?$")
# Elements that start a line but are not written: their content is, between line
# boundaries (loose text runs become paragraphs, or a <br> ends the line inside a
# paragraph), so two <div>s never run together into one line. The visible text that is
# checked breaks the line at the same elements (BLOCK_ELEMENTS).
_UNWRAPPED_BLOCKS = BLOCK_ELEMENTS - ALLOWED_TAGS
_BLOCKS = BLOCK_ELEMENTS - {"br"}
_LINE_ENDS = BLOCK_TAGS | {"br"}  # written elements that end the line they are on
_PHRASING = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}) | (
    ALLOWED_TAGS - BLOCK_TAGS
)
# Written as they are (with their allowed attributes); <a> and <img> have their own rules,
# and a <span> is only ever the image placeholder.
_WRITTEN = ALLOWED_TAGS - {"a", "img", "span"}
# Table parts are only written inside a written table (elsewhere a browser ignores their
# tags and their texts run together). Whatever else a table, section or row holds would
# be moved out in front of the table by the HTML parser in nh3 (foster parenting), next
# to other such text: it is written in a cell of its own instead, where it stands.
_TABLE_PARTS = frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"})
_STRAY_WRAPPERS = {"table": ("tr", "td"), "thead": ("tr", "td"), "tbody": ("tr", "td"),
                   "tfoot": ("tr", "td"), "tr": ("td",)}  # fmt: skip
_TABLE_DEPTH = 8  # a table needs this much room below MAX_DEPTH for its parts
# Removed elements worth telling the desk about (a <style> or <meta> is routine).
_ACTIVE_CONTENT = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
     "base", "canvas", "audio", "video", "textarea", "select", "button", "input",
     "template", "portal"}
)  # fmt: skip
# Text in these is code or the page's metadata, never something a reader was shown.
_NOT_TEXT = frozenset({"script", "style"})
_ASCII_WHITESPACE = " \t\n\r\f"
_SOURCE_LIMIT = 120
_EXCERPT_LIMIT = 40
_VERDICT_NAMES = {"untrusted": "不可信", "suspicious": "可疑", "invalid": "无效"}


@dataclass(frozen=True, slots=True)
class RenderNote:
    """Something the render changed or found, for the desk to look at.

    ``rule``: ``render.link-delinked``, ``render.hidden-removed``, ``render.empty-link``,
    ``render.image-localized``, ``render.image-removed``, ``render.image-no-alt``,
    ``render.element-removed``. ``source``: the href, image source or text concerned.
    """

    rule: str
    severity: NoteSeverity
    message: str
    source: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class RenderStats:
    """What the render did, counted."""

    links_kept: int = 0
    links_delinked: int = 0  # judged untrusted, suspicious or invalid
    hidden_links: int = 0  # 暗链 and empty links, removed
    hidden_elements: int = 0  # outermost hidden elements removed (a hidden link counts once)
    images_kept: int = 0  # remote, trusted host
    images_localized: int = 0  # published from the assets folder
    images_removed: int = 0  # replaced by a placeholder
    images_without_alt: int = 0
    elements_removed: int = 0  # scripts, iframes, objects, forms controls ...


@dataclass(slots=True)
class Rewritten:
    """The rewritten body, not yet through nh3, and what nh3 may let through."""

    html: str
    hrefs: set[str] = field(default_factory=set)
    srcs: set[str] = field(default_factory=set)
    image_origins: set[str] = field(default_factory=set)
    assets: dict[str, bytes] = field(default_factory=dict)
    notes: list[RenderNote] = field(default_factory=list)
    stats: RenderStats = field(default_factory=RenderStats)


class VerdictCache:
    """``judge`` once per distinct (url, anchor text): big pages repeat their links."""

    def __init__(self, whitelist: Whitelist) -> None:
        self.whitelist = whitelist
        self._cache: dict[tuple[str, str | None], LinkVerdict] = {}

    def __call__(self, url: str, text: str | None = None) -> LinkVerdict:
        key = (url, text)
        verdict = self._cache.get(key)
        if verdict is None:
            verdict = self._cache[key] = judge(url, self.whitelist, text=text)
        return verdict


def rewrite(
    root: Element,
    *,
    whitelist: Whitelist | VerdictCache,
    asset_prefix: str = "assets/",
    read_local: ReadLocal | None = None,
) -> Rewritten:
    """Rewrite a parsed draft (see the module docstring)."""
    verdicts = whitelist if isinstance(whitelist, VerdictCache) else VerdictCache(whitelist)
    return _Rewriter(verdicts, asset_prefix, read_local or _no_local_files).run(root)


def _no_local_files(src: str) -> None:
    return None


# Work items of the iterative walk (markup nests arbitrarily deep; Python recursion doesn't).
_NODE, _TEXT, _CLOSE, _RUN_START, _RUN_END, _BOUNDARY, _WRAP_START, _WRAP_END = range(8)


class _Rewriter:
    def __init__(self, verdicts: VerdictCache, asset_prefix: str, read_local: ReadLocal):
        self.verdicts = verdicts
        self.asset_prefix = asset_prefix
        self.read_local = read_local
        self.out: list[str] = []
        self.result = Rewritten("")
        self.counts: Counter[str] = Counter()
        self.removed_elements: Counter[str] = Counter()
        self.dropped_text: dict[str, list[str]] = {}  # tag → texts removed with such elements
        self.depth = 0  # open elements written
        self.phrasing = 0  # open phrasing elements written (p, h1, strong, a ...)
        self.tables = 0  # open tables written
        self.line_open = False  # something shows on the line being written
        self.boundary = False  # the line must end before anything more shows
        self.runs: list[tuple[int, bool, bool]] = []  # where each run's <p> is, line state
        self.stack: list[tuple[int, object, bool]] = []

    def run(self, root: Element) -> Rewritten:
        self._push_children(root, runs=True)  # a fragment's loose text becomes paragraphs
        stack = self.stack
        while stack:
            kind, item, flag = stack.pop()
            if kind == _TEXT:
                if not flag:
                    self._text(item)  # type: ignore[arg-type]
            elif kind == _NODE:
                self._element(item, flag)  # type: ignore[arg-type]
            elif kind == _CLOSE:
                self._write_close(item)  # type: ignore[arg-type]
            elif kind == _RUN_START:
                self.runs.append((len(self.out), self.line_open, self.boundary))
                self._write_open("p")
            elif kind == _RUN_END:
                start, line_open, boundary = self.runs.pop()
                if "".join(self.out[start + 1 :]).strip():
                    self._write_close("p")
                else:  # only whitespace between blocks: no paragraph, keep the line breaks
                    del self.out[start]
                    self._write_close("p", written=False)
                    self.line_open, self.boundary = line_open, boundary
            elif kind == _BOUNDARY:
                self.boundary = True
            elif kind == _WRAP_START:
                for tag in item:  # type: ignore[attr-defined]
                    self._write_open(tag)
            else:  # _WRAP_END
                for tag in reversed(item):  # type: ignore[call-overload]
                    self._write_close(tag)
        self._removal_notes()
        self.result.html = "".join(self.out)
        self.result.stats = RenderStats(**self.counts)
        return self.result

    # -- walking ---------------------------------------------------------------------

    def _push_children(
        self, element: Element, *, runs: bool = False, wrap: tuple[str, ...] = ()
    ) -> None:
        """Queue the children (in order). ``runs``: wrap loose inline runs in <p>;
        ``wrap``: the cell (``td``, or ``tr td``) that holds what a table part holds
        besides table parts."""
        hidden = bool(element.hidden)
        items: list[tuple[int, object, bool]] = []
        in_group = False
        for child in element.children:
            if wrap:
                stray = _stray_in_table(child)
                if stray and not in_group:
                    items.append((_WRAP_START, wrap, False))
                    in_group = True
                elif in_group and not stray and not isinstance(child, str):
                    items.append((_WRAP_END, wrap, False))
                    in_group = False
            elif runs:
                inline = isinstance(child, str) or child.tag not in _BLOCKS
                if inline and not in_group:
                    items.append((_RUN_START, None, False))
                    in_group = True
                elif not inline and in_group:
                    items.append((_RUN_END, None, False))
                    in_group = False
            if isinstance(child, str):
                items.append((_TEXT, child, hidden))
            else:
                items.append((_NODE, child, hidden))
        if in_group:
            items.append((_WRAP_END, wrap, False) if wrap else (_RUN_END, None, False))
        self.stack.extend(reversed(items))

    def _text(self, text: str) -> None:
        if text.strip(_ASCII_WHITESPACE):
            self._shows()
        self.out.append(_escape_text(text))

    def _shows(self) -> None:
        """Something visible is written next: end the line first if it must end."""
        if self.boundary and self.line_open:
            self.out.append("<br>")
        self.boundary = False
        self.line_open = True

    def _open(self, tag: str, attributes: Iterable[tuple[str, str]] = ()) -> None:
        self._write_open(tag, attributes)
        if tag not in VOID_ELEMENTS:
            self.stack.append((_CLOSE, tag, False))

    def _write_open(self, tag: str, attributes: Iterable[tuple[str, str]] = ()) -> None:
        attrs = "".join(f' {name}="{_escape_attribute(value)}"' for name, value in attributes)
        if tag == "img":
            self._shows()
        self.out.append(f"<{tag}{attrs}>")
        if tag in _LINE_ENDS:
            self.line_open = self.boundary = False
        if tag in VOID_ELEMENTS:
            return
        self.depth += 1
        self.phrasing += tag in _PHRASING
        self.tables += tag == "table"

    def _write_close(self, tag: str, *, written: bool = True) -> None:
        if written:
            self.out.append(f"</{tag}>")
        self.depth -= 1
        self.phrasing -= tag in _PHRASING
        self.tables -= tag == "table"
        if tag in _LINE_ENDS:
            self.line_open = self.boundary = False

    def _element(self, element: Element, parent_hidden: bool) -> None:
        tag = element.tag
        if tag in DROPPED_WITH_CONTENT:
            self._dropped(element)
            return
        if element.hidden:
            self._hidden(element, parent_hidden)
            self._push_children(element)
            return
        if tag == "a" and "href" in element.attrs:
            self._anchor(element)
        elif tag == "img":
            self._image(element)
        elif self._written(tag):
            self._open(tag, _plain_attributes(tag, element.attrs))
            self._push_children(element, wrap=_STRAY_WRAPPERS.get(tag, ()))
        else:  # unwrapped (<a> without href, <span>, <div>, <font> ...): its content stays
            if tag in _ACTIVE_CONTENT:
                self.removed_elements[tag] += 1
            self._unwrap(element)

    def _written(self, tag: str) -> bool:
        if tag in _TABLE_PARTS:
            return self.tables > 0  # nested deep or not: nh3's parser makes them flat
        if tag == "table":
            return self.depth + _TABLE_DEPTH < MAX_DEPTH
        return tag in _WRITTEN and (self.depth < MAX_DEPTH or tag in VOID_ELEMENTS)

    def _unwrap(self, element: Element) -> None:
        """The content without the element; a block's content on lines of its own."""
        if element.tag not in _BLOCKS:
            self._push_children(element)
            return
        self.stack.append((_BOUNDARY, None, False))
        self._push_children(element, runs=not self.phrasing)
        self.stack.append((_BOUNDARY, None, False))

    def _dropped(self, element: Element) -> None:
        """An element removed with its content: counted, and its text kept for the note."""
        if element.tag in _ACTIVE_CONTENT:
            self.removed_elements[element.tag] += 1
        text = _dropped_text(element)
        if text:
            self.dropped_text.setdefault(element.tag, []).append(text)

    def _removal_notes(self) -> None:
        """Removed elements, by tag: a warning where text went with them, saying how much."""
        removed = self.removed_elements
        for tag in sorted(removed.keys() | self.dropped_text.keys()):
            texts = self.dropped_text.get(tag, [])
            count = f" {removed[tag]} 处" if removed[tag] else ""
            if texts:
                characters = sum(len("".join(text.split())) for text in texts)
                excerpt = _excerpt(" ".join(texts))
                self._note(
                    "render.element-removed",
                    "warn",
                    f"已移除 <{tag}> 元素{count}，其中的文字 {characters} 字未发布：{excerpt}",
                    excerpt,
                )
            elif tag in DROPPED_WITH_CONTENT:
                self._note("render.element-removed", "info", f"已移除 <{tag}> 元素{count}", tag)
            else:
                self._note(
                    "render.element-removed", "info", f"已移除 <{tag}> 元素{count}（文字保留）", tag
                )
        self.counts["elements_removed"] = sum(removed.values())

    # -- hidden content ----------------------------------------------------------------

    def _hidden(self, element: Element, parent_hidden: bool) -> None:
        reasons = describe(element.hidden)
        if element.tag == "a" and "href" in element.attrs:
            self.counts["hidden_links"] += 1
            href = element.attrs["href"]
            self._note(
                "render.hidden-removed",
                "warn",
                f"已移除暗链（读者看不见：{reasons}）：{_display(href)}",
                href,
            )
        elif element.tag == "img" and not parent_hidden:
            src = element.attrs.get("src", "")
            self._note(
                "render.hidden-removed",
                "warn",
                f"已移除读者看不见的图片（{reasons}）：{_display(src) or '（无地址）'}",
                src,
            )
        elif not parent_hidden:
            text = _hidden_text(element)
            excerpt = _excerpt(text)
            amount = f"{len(''.join(text.split()))} 字：{excerpt}" if text else "无文字"
            self._note(
                "render.hidden-removed",
                "warn",
                f"已移除读者看不见的 <{element.tag}> 内容（{reasons}），{amount}",
                excerpt,
            )
        if not parent_hidden:
            self.counts["hidden_elements"] += 1

    # -- links -------------------------------------------------------------------------

    def _anchor(self, element: Element) -> None:
        href = element.attrs["href"]
        text, has_image = _visible_content(element)
        if not text and not has_image:
            self.counts["hidden_links"] += 1
            self._note(
                "render.empty-link", "warn", f"已移除没有可见内容的链接：{_display(href)}", href
            )
            self._push_children(element)
            return
        verdict = self.verdicts(href, text)
        if verdict.verdict == "trusted" and self.depth < MAX_DEPTH:
            url = verdict.href if verdict.href is not None else href.strip(_C0_AND_SPACE)
            self.result.hrefs.add(url)
            self.counts["links_kept"] += 1
            self._open("a", [("href", url)])
        else:
            self.counts["links_delinked"] += 1
            name = _VERDICT_NAMES.get(verdict.verdict, verdict.verdict)
            self._note(
                "render.link-delinked",
                "warn",
                f"链接{name}（{describe(verdict.reasons)}），已去掉链接保留文字：{_display(href)}",
                href,
            )
        self._push_children(element)

    # -- images ------------------------------------------------------------------------

    def _image(self, element: Element) -> None:
        src = element.attrs.get("src", "").strip(_C0_AND_SPACE)
        if not src:
            self.counts["images_removed"] += 1
            self._note("render.image-removed", "warn", "已移除没有地址的图片", "")
            return
        if src[:5].lower() == "data:":
            self._localize(element, decode_data_uri(src), src, "内嵌图片无法解码")
            return
        verdict = self.verdicts(src)
        scheme = verdict.href.partition(":")[0] if verdict.href else ""
        if scheme in _WEB_SCHEMES:
            origin = _csp_origin(verdict.href)  # type: ignore[arg-type]
            if verdict.verdict == "trusted" and origin:
                self.result.image_origins.add(origin)
                self._write_image(element, verdict.href, src)  # type: ignore[arg-type]
                self.counts["images_kept"] += 1
            else:
                why = describe(verdict.reasons) if verdict.verdict != "trusted" else "主机名"
                self._placeholder(element, src, "已移除外部图片", f"外部图片来源不可信（{why}）")
        elif scheme == "file" or (
            "relative" in verdict.reasons and "control-chars" not in verdict.reasons
        ):
            self._localize(element, self.read_local(src), src, "找不到本地图片文件")
        else:
            reason = f"图片地址不可用（{describe(verdict.reasons)}）"
            self._placeholder(element, src, "已移除图片", reason)

    def _localize(self, element: Element, data: bytes | None, src: str, missing: str) -> None:
        if data is None:
            self._placeholder(element, src, "已移除图片", missing)
            return
        extension = image_extension(data)
        if extension is None:
            reason = "不是可发布的图片格式（PNG/JPEG/GIF/WebP/BMP）"
            self._placeholder(element, src, "已移除图片", reason)
            return
        name = hashlib.sha256(data).hexdigest() + extension
        self.result.assets[name] = data
        url = self.asset_prefix + name
        self.counts["images_localized"] += 1
        self._note("render.image-localized", "info", f"图片已本地化为 {url}：{_display(src)}", src)
        self._write_image(element, url, src)

    def _placeholder(self, element: Element, src: str, label: str, why: str) -> None:
        """A removed image's placeholder: what it was (its alt, checked like all text),
        never its address (an address is the author's to choose and is not checked); the
        address goes to the note, for the desk."""
        self.counts["images_removed"] += 1
        self._note("render.image-removed", "warn", f"{why}，已移除：{_display(src)}", src)
        alt = announced_text(element.attrs.get("alt", ""))
        self._shows()
        self.out.append(
            f'<span class="{PLACEHOLDER_CLASS}">[{label}{"：" if alt else ""}'
            f"{_escape_text(alt)}]</span>"
        )

    def _write_image(self, element: Element, url: str, src: str) -> None:
        self.result.srcs.add(url)
        attributes = [("src", url)]
        alt = element.attrs.get("alt")
        if alt is not None:
            attributes.append(("alt", announced_text(alt)))
        for name in ("width", "height"):
            value = numeric_attribute(element.attrs.get(name, ""))
            if value is not None:
                attributes.append((name, value))
        if alt is None or not alt.strip():
            self.counts["images_without_alt"] += 1
            self._note(
                "render.image-no-alt", "warn", f"图片缺少替代文本（alt）：{_display(src)}", src
            )
        self._open("img", attributes)

    def _note(self, rule: str, severity: NoteSeverity, message: str, source: str) -> None:
        self.result.notes.append(RenderNote(rule, severity, message, source))


def _plain_attributes(tag: str, attrs: dict[str, str]) -> list[tuple[str, str]]:
    allowed = ALLOWED_ATTRIBUTES.get(tag, frozenset())
    found = []
    for name in sorted(allowed & attrs.keys()):
        value = numeric_attribute(attrs[name]) if name in NUMERIC_ATTRIBUTES else None
        if value is not None:
            found.append((name, value))
    return found


def _visible_content(anchor: Element) -> tuple[str, bool]:
    """An anchor's visible text (whitespace collapsed) and whether it shows an image."""
    parts: list[str] = []
    has_image = False
    stack: list[Element] = [anchor]
    while stack:
        element = stack.pop()
        for child in reversed(element.children):
            if isinstance(child, str):
                if not element.hidden:
                    parts.append(child)
            elif child.tag not in DROPPED_WITH_CONTENT:
                has_image = has_image or (child.tag == "img" and not child.hidden)
                stack.append(child)
    return " ".join("".join(parts).split()), has_image


def _hidden_text(element: Element) -> str:
    """The text inside ``element`` that a reader could not see."""
    parts: list[str] = []
    stack: list[tuple[Element | str, bool]] = [(element, True)]
    while stack:
        node, hidden = stack.pop()
        if isinstance(node, str):
            if hidden:
                parts.append(node)
        elif node.tag not in _NOT_TEXT:
            stack.extend((child, bool(node.hidden)) for child in reversed(node.children))
    return " ".join("".join(parts).split())


def _dropped_text(element: Element) -> str:
    """The text removed with ``element``, whitespace collapsed: not code (script, style),
    nor a page title's own text."""
    parts: list[str] = []
    stack: list[Element | str] = [element]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)
        elif node.tag not in _NOT_TEXT:
            children = node.children
            if node.tag == "title":
                children = [child for child in children if not isinstance(child, str)]
            stack.extend(reversed(children))
    return " ".join("".join(parts).split())


def _stray_in_table(child: Element | str) -> bool:
    """Whether a child of a table, section or row is something a browser would move out
    in front of the table: text, or an element that is not a table part and shows
    something."""
    if isinstance(child, str):
        return bool(child.strip(_ASCII_WHITESPACE))
    if child.tag in _TABLE_PARTS or child.tag in DROPPED_WITH_CONTENT:
        return False
    stack: list[Element | str] = [child]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if node.strip(_ASCII_WHITESPACE):
                return True
        elif node.tag == "img":
            return True
        elif node.tag not in DROPPED_WITH_CONTENT:
            stack.extend(node.children)
    return False


def _csp_origin(href: str) -> str | None:
    """``scheme://host[:port]`` for the CSP, only for plain LDH hosts (nothing to inject)."""
    try:
        url = URL(href)
    except ValueError:
        return None
    scheme = url.protocol.removesuffix(":")
    return f"{scheme}://{url.host}" if _CSP_HOST_RE.match(url.host) else None


def _display(source: str) -> str:
    """A source as shown to people: one line, no invisible characters, data: abridged."""
    if source[:5].lower() == "data:":
        source = source.partition(",")[0] + ",…"
    source = announced_text(source)
    if len(source) > _SOURCE_LIMIT:
        source = source[: _SOURCE_LIMIT - 1] + "…"
    return source


def _excerpt(text: str) -> str:
    text = announced_text(text)
    return text if len(text) <= _EXCERPT_LIMIT else text[: _EXCERPT_LIMIT - 1] + "…"


def _escape_text(text: str) -> str:
    return html.escape(text, quote=False)


def _escape_attribute(value: str) -> str:
    return html.escape(value, quote=True)
