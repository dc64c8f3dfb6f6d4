"""Editor HTML with its formatting said in elements, so it survives the render's allow-list.

``QTextDocument.toHtml()`` writes bold, italic, underline, superscript, subscript and
code as ``<span style="font-weight:700">`` and the like, and ``desk.render`` drops every
style (styles can hide text). ``semantic_html`` wraps each visible run of such text in
``strong em u sup sub code``, which the allow-list keeps; Word pastes and WPS exports
style their spans the same way.

Nothing else changes: the markup is copied through byte for byte, and the elements are
only inserted around text, so the render still sees every style and still drops what a
reader could not see. Text that is hidden, or inside an element that is never shown
(``<head>``, ``<svg>`` …, where a ``<strong>`` would end the element and show the text), is
left as it is, and text is only wrapped if the new elements are not hidden themselves (a
<style> rule such as ``strong{display:none}``). Formatting the element already says is not repeated:
headings are bold, and the underline under a link is the link's.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.documents.html_parser import UNSHOWN_ELEMENTS, TolerantHTMLParser
from desk.links import css
from desk.links.hidden import VisibilityTracker

_ORDER = ("strong", "em", "u", "code", "sup", "sub")  # outermost first
_SAID_BY_TAG = {
    "b": {"strong"}, "strong": {"strong"}, "h1": {"strong"}, "h2": {"strong"},
    "h3": {"strong"}, "h4": {"strong"}, "h5": {"strong"}, "h6": {"strong"}, "th": {"strong"},
    "i": {"em"}, "em": {"em"}, "cite": {"em"}, "u": {"u"}, "a": {"u"},
    "code": {"code"}, "pre": {"code"}, "kbd": {"code"}, "tt": {"code"}, "samp": {"code"},
    "sup": {"sup"}, "sub": {"sub"},
}  # fmt: skip
_MONOSPACE = ("monospace", "courier", "consolas", "menlo")


@dataclass(frozen=True, slots=True)
class _Frame:
    styled: frozenset[str]  # formatting the styles give the text inside
    said: frozenset[str]  # formatting the elements already give it
    hidden: bool
    unshown: bool  # in an element never shown (head, svg …): an element put in might close it


_ROOT = _Frame(frozenset(), frozenset(), False, False)


def semantic_html(html: str) -> str:
    """``html`` with styled text wrapped in the matching elements (see the module doc)."""
    wrapper = _Wrapper(html)
    wrapper.parse_document(html)
    wrapper.end_text(len(html))
    parts, position = [], 0
    for offset, markup in sorted(wrapper.insertions, key=lambda insertion: insertion[0]):
        parts += [html[position:offset], markup]
        position = offset
    parts.append(html[position:])
    return "".join(parts)


class _Wrapper(TolerantHTMLParser):
    """Follows the open elements as ``desk.render.tree`` does and notes where to insert."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tracker = VisibilityTracker.for_document(html)
        self.stack = [_ROOT]
        self.text: tuple[int, tuple[str, ...]] | None = None  # start of a run to wrap, how
        self.insertions: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.end_text(self.raw_offset())
        super().handle_starttag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.end_text(self.raw_offset())
        super().handle_startendtag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.end_text(self.raw_offset())
        super().handle_endtag(tag)

    def start_element(self, tag: str, attrs: dict[str, str]) -> None:
        hidden = bool(self.tracker.enter(tag, attrs))
        parent = self.stack[-1]
        styled = _styled(parent.styled, attrs.get("style", ""))
        said = parent.said | _SAID_BY_TAG.get(tag, set())
        unshown = parent.unshown or tag in UNSHOWN_ELEMENTS
        self.stack.append(_Frame(styled, said, hidden, unshown))

    def end_element(self, tag: str) -> None:
        self.tracker.leave()
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.end_text(self.raw_offset())
        frame = self.stack[-1]
        wrap = tuple(tag for tag in _ORDER if tag in frame.styled - frame.said)
        # (a <strong> put in <head> or <svg> would end it: the text would show)
        plain = not wrap or not data.strip() or frame.hidden or frame.unshown
        if not plain and self.visible_inside(wrap):
            self.text = (self.raw_offset(), wrap)

    def handle_comment(self, data: str) -> None:
        self.end_text(self.raw_offset())

    handle_decl = handle_pi = unknown_decl = handle_comment

    def end_text(self, offset: int) -> None:
        """The text run being read ends at ``offset``: wrap it if it is to be wrapped."""
        if self.text is not None:
            start, wrap = self.text
            self.insertions.append((start, "".join(f"<{tag}>" for tag in wrap)))
            self.insertions.append((offset, "".join(f"</{tag}>" for tag in reversed(wrap))))
            self.text = None

    def visible_inside(self, wrap: tuple[str, ...]) -> bool:
        """Whether the wrapping elements would be visible where the text is."""
        hidden = [bool(self.tracker.enter(tag, {})) for tag in wrap]
        for _tag in wrap:
            self.tracker.leave()
        return not any(hidden)


def _styled(inherited: frozenset[str], style: str) -> frozenset[str]:
    """The formatting of text inside an element with this inline ``style``."""
    if not style:
        return inherited
    found: dict[str, str] = {}
    important: set[str] = set()
    for name, value, is_important in css.declarations(style):
        if name not in important or is_important:
            found[name] = value.lower()
        if is_important:
            important.add(name)
    result = set(inherited)
    _toggle(result, "strong", _weight(found.get("font-weight")))
    _toggle(result, "em", _slant(found.get("font-style")))
    family = found.get("font-family")
    _toggle(result, "code", None if family is None else any(m in family for m in _MONOSPACE))
    decoration = found.get("text-decoration-line", found.get("text-decoration", ""))
    if "underline" in decoration:
        result.add("u")  # a decoration is drawn across descendants: they can't remove it
    position = found.get("vertical-align")
    if position in ("super", "sub"):
        result -= {"sup", "sub"}
        result.add(position.replace("super", "sup"))
    return frozenset(result)


def _toggle(flags: set[str], flag: str, on: bool | None) -> None:
    if on is True:
        flags.add(flag)
    elif on is False:
        flags.discard(flag)


def _weight(value: str | None) -> bool | None:
    if value in ("bold", "bolder"):
        return True
    if value in ("normal", "lighter"):
        return False
    return int(value) >= 600 if value is not None and value.isdigit() else None


def _slant(value: str | None) -> bool | None:
    if value is None or value == "inherit":
        return None
    return value.startswith(("italic", "oblique"))
