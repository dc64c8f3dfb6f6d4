"""暗链: links present in the raw HTML but invisible to a reader.

Must run on the raw HTML, before any sanitiser strips the styles that do the hiding.
``VisibilityTracker`` follows the open elements while the document is walked and says
why each element is invisible. Hiding reason ids:

* ``display-none``, ``visibility-hidden``, ``opacity-zero`` (opacity < 0.1, also IE's
  ``filter:alpha(opacity=N)``), ``font-size-zero`` (0 in any unit, ≤ 1px, ``font:0/0 a``);
* ``zero-size``: width/height ≤ 1px with overflow hidden, or for iframe/img/embed/object/
  video/frame (whose content never overflows) by width/height alone;
* ``off-screen``: left/top ≤ -999px on a positioned element, or margin-left/top ≤ -999px;
* ``text-indent``: text-indent ≤ -999px;
* ``same-color``: an anchor's own text colour is transparent or indistinguishable from the
  nearest declared background (ancestors included; ``bgcolor`` counts). Undeclared
  backgrounds are not assumed white: external CSS may well make them dark;
* ``hidden-attribute``: the HTML ``hidden`` attribute;
* ``tiny-marquee``: a <marquee> with height or width ≤ 1;
* ``noscript``: decided hidden: browsers with scripting on (all of them) do not render
  <noscript>, while search engines read it, which is why spam hides links there.

Inherited reasons are prefixed ``ancestor:``. Reasons a descendant can undo are undone
(``visibility:visible``, a non-zero absolute ``font-size``, ``text-indent:0``); the others
(display, opacity, size, position, hidden, marquee, noscript) cannot be.

Styles come from inline ``style`` attributes (entities already decoded by the HTML parser)
and from <style> blocks of the same document, whose simple selectors (``.x``, ``#id``,
``p``, ``div.x``, lists of these, also inside @media) are applied with the browser's
cascade (inline over sheet, ``!important``, specificity, source order). Comments, escapes,
case and whitespace are handled. Descendant and other complex selectors are skipped.

伪链 (an anchor whose visible text is a URL other than its href) is not a hiding trick but
a text one: ``verdict.text_href_mismatch``, applied by ``judge(url, text=...)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from desk.documents.html_parser import TolerantHTMLParser
from desk.links import css

_REPLACED_ELEMENTS = frozenset({"iframe", "frame", "img", "embed", "object", "video"})
_POSITIONED = frozenset({"absolute", "fixed", "relative", "sticky"})
_OVERFLOW_HIDING = frozenset({"hidden", "clip"})
_OFF_SCREEN_PX = -999.0
_TINY_PX = 1.0
_MIN_OPACITY = 0.1
_COLOR_TOLERANCE = 10
_RELATIVE_FONT_UNITS = frozenset({"em", "%", "ex", "ch"})
_RELATIVE_FONT_KEYWORDS = frozenset({"smaller", "larger", "inherit", "unset"})
_UNIT_PX = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54,
            "mm": 96 / 25.4, "q": 96 / 101.6, "em": 16.0, "rem": 16.0, "ex": 8.0,
            "ch": 8.0}  # fmt: skip
_LENGTH_RE = re.compile(r"^([+-]?(?:\d+\.?\d*|\.\d+))([a-z%]*)$")
_ALPHA_FILTER_RE = re.compile(r"alpha\(\s*opacity\s*=\s*(\d+(?:\.\d+)?)")
_SELECTOR_RE = re.compile(r"^([A-Za-z][\w-]*|\*)?((?:[.#][\w-]+)*)$")
_SELECTOR_PART_RE = re.compile(r"([.#])([\w-]+)")
_TOKEN_RE = re.compile(r"[#\w-]+\([^)]*\)|\S+")
_HEX_RE = re.compile(r"^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$")
_RGB_RE = re.compile(r"^rgba?\(([^)]*)\)$")
_NAMED_COLORS = {
    "white": (255, 255, 255), "black": (0, 0, 0), "silver": (192, 192, 192),
    "gray": (128, 128, 128), "grey": (128, 128, 128), "red": (255, 0, 0),
    "maroon": (128, 0, 0), "yellow": (255, 255, 0), "olive": (128, 128, 0),
    "lime": (0, 255, 0), "green": (0, 128, 0), "aqua": (0, 255, 255),
    "cyan": (0, 255, 255), "teal": (0, 128, 128), "blue": (0, 0, 255),
    "navy": (0, 0, 128), "fuchsia": (255, 0, 255), "magenta": (255, 0, 255),
    "purple": (128, 0, 128), "orange": (255, 165, 0),
}  # fmt: skip
_ANCESTOR = "ancestor:"

Color = tuple[int, int, int, float]


@dataclass(frozen=True, slots=True)
class _Rule:
    """One simple selector from a <style> block and its declarations."""

    tag: str | None
    ids: frozenset[str]
    classes: frozenset[str]
    declarations: tuple[css.Declaration, ...]

    @property
    def specificity(self) -> tuple[int, int, int]:
        return (len(self.ids), len(self.classes), int(self.tag not in (None, "*")))

    @property
    def key(self) -> str:
        """The bucket the rule is indexed under: an id, else a class, else the tag."""
        if self.ids:
            return "#" + min(self.ids)
        if self.classes:
            return "." + min(self.classes)
        return self.tag or "*"

    def applies(self, tag: str, element_id: str, classes: frozenset[str]) -> bool:
        return (
            self.tag in (None, "*", tag)
            and all(i == element_id for i in self.ids)
            and self.classes <= classes
        )


@dataclass(frozen=True, slots=True)
class _Frame:
    """What an open element passes on to its descendants."""

    fixed: tuple[str, ...]  # reasons no descendant can undo, labelled
    visibility: str | None  # labelled inheritable reasons, None when visible
    font_size: str | None
    indent: str | None
    background: Color | None


_ROOT = _Frame((), None, None, None, None)


class VisibilityTracker:
    """Follow open elements and report why each one is hidden from a reader.

    The parser (``TolerantHTMLParser``) decides what is open: ``enter`` each element it
    opens (void ones too) and ``leave`` each one it closes, innermost first.
    """

    def __init__(self, style_blocks: Iterable[str] = ()) -> None:
        # Rules indexed by key, with their source position: big pages have big sheets.
        self._rules: dict[str, list[tuple[int, _Rule]]] = {}
        rules = (rule for block in style_blocks for rule in _parse_rules(block))
        for position, rule in enumerate(rules):
            self._rules.setdefault(rule.key, []).append((position, rule))
        self._stack: list[_Frame] = []

    @classmethod
    def for_document(cls, html: str) -> VisibilityTracker:
        """A tracker knowing every <style> block of the page: a rule applies wherever it is."""
        if not _STYLE_TAG.search(html):  # the style pass is a whole second parse: skip it
            return cls()
        collector = _StyleCollector()
        collector.parse_document(html)
        return cls(collector.blocks)

    @property
    def depth(self) -> int:
        """How many elements are open."""
        return len(self._stack)

    def enter(self, tag: str, attrs: Mapping[str, str]) -> tuple[str, ...]:
        """Open an element inside the innermost open one; return its hiding reasons."""
        parent = self._stack[-1] if self._stack else _ROOT
        if self._plain(tag, attrs):
            frame, reasons = _plain_child(parent)
            self._stack.append(frame)
            return reasons
        style = self._computed_style(tag, attrs)
        own = _fixed_reasons(tag, attrs, style)
        visibility = _inherit(
            parent.visibility, style.get("visibility"), _visibility_hides, "visibility-hidden"
        )
        font_size = _font_size_state(parent.font_size, _font_size_value(style))
        indent = _inherit(parent.indent, style.get("text-indent"), _indent_hides, "text-indent")
        background = _background(style, attrs) or parent.background
        if tag == "a" and _same_color(_parse_color(style.get("color", "")), background):
            own.append("same-color")
        fixed = tuple(_dedupe(own + [_labelled(reason) for reason in parent.fixed]))
        self._stack.append(_Frame(fixed, visibility, font_size, indent, background))
        inheritable = [r for r in (visibility, font_size, indent) if r]
        ordered = sorted(inheritable + list(fixed), key=lambda r: r.startswith(_ANCESTOR))
        return tuple(_dedupe(ordered))

    def _plain(self, tag: str, attrs: Mapping[str, str]) -> bool:
        """Nothing on this element can hide it: no style, no sheet, no size or hiding attribute.

        Most elements of a real page are plain; they only pass their parent's state on.
        """
        return (
            tag not in _SPECIAL_ELEMENTS
            and not any(name in _HIDING_ATTRIBUTES for name in attrs)
            and not self._sheet_may_apply(tag, attrs)
        )

    def _sheet_may_apply(self, tag: str, attrs: Mapping[str, str]) -> bool:
        """Whether some <style> rule is keyed by this element's tag, id or a class."""
        rules = self._rules
        if not rules:
            return False
        if tag in rules or "*" in rules or "#" + attrs.get("id", "") in rules:
            return True
        return any("." + name in rules for name in attrs.get("class", "").split())

    def leave(self) -> None:
        """Close the innermost open element."""
        self._stack.pop()

    def _computed_style(self, tag: str, attrs: Mapping[str, str]) -> dict[str, str]:
        """Cascade: sheet < inline < sheet !important < inline !important.

        Within the sheet, the more specific selector wins, then the later rule.
        """
        element_id = attrs.get("id", "")
        classes = frozenset(attrs.get("class", "").split())
        keys = {tag, "*", "#" + element_id, *("." + name for name in classes)}
        candidates = sorted(
            (found for key in keys for found in self._rules.get(key, ())),
            key=lambda found: (found[1].specificity, found[0]),
        )
        sheet = [
            declaration
            for _, rule in candidates
            if rule.applies(tag, element_id, classes)
            for declaration in rule.declarations
        ]
        ranked: dict[str, tuple[int, str]] = {}
        for origin, found in ((0, sheet), (1, css.declarations(attrs.get("style", "")))):
            for name, value, important in found:
                rank = origin + 2 * important
                if name not in ranked or rank >= ranked[name][0]:
                    ranked[name] = (rank, value.lower())
        return {name: value for name, (_, value) in ranked.items()}


def _parse_rules(block: str) -> list[_Rule]:
    parsed = []
    for selectors, body in css.rules(block):
        found = tuple(css.declarations(body))
        for selector in filter(None, map(str.strip, selectors.split(","))):
            match = _SELECTOR_RE.match(selector)
            if not match:
                continue
            parts = _SELECTOR_PART_RE.findall(match.group(2))
            parsed.append(
                _Rule(
                    tag=match.group(1).lower() if match.group(1) else None,
                    ids=frozenset(name for kind, name in parts if kind == "#"),
                    classes=frozenset(name for kind, name in parts if kind == "."),
                    declarations=found,
                )
            )
    return parsed


class _StyleCollector(TolerantHTMLParser):
    """The text of every <style> block."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._in_style = False

    def start_element(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "style":
            self._in_style = True
            self.blocks.append("")

    def end_element(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.blocks[-1] += data


_STYLE_TAG = re.compile(r"<style", re.IGNORECASE)
_SPECIAL_ELEMENTS = _REPLACED_ELEMENTS | {"marquee", "noscript"}
_HIDING_ATTRIBUTES = frozenset({"style", "hidden", "width", "height", "bgcolor", "background"})


@lru_cache(maxsize=1024)
def _plain_child(parent: _Frame) -> tuple[_Frame, tuple[str, ...]]:
    """The frame and reasons of a plain element: its parent's state, labelled as inherited."""
    fixed = tuple(_dedupe([_labelled(reason) for reason in parent.fixed]))
    visibility = _labelled(parent.visibility) if parent.visibility else None
    font_size = _labelled(parent.font_size) if parent.font_size else None
    indent = _labelled(parent.indent) if parent.indent else None
    frame = _Frame(fixed, visibility, font_size, indent, parent.background)
    inheritable = [r for r in (visibility, font_size, indent) if r]
    return frame, tuple(_dedupe(inheritable + list(fixed)))


def _fixed_reasons(tag: str, attrs: Mapping[str, str], style: Mapping[str, str]) -> list[str]:
    reasons = []
    if "hidden" in attrs:
        reasons.append("hidden-attribute")
    if style.get("display") == "none":
        reasons.append("display-none")
    if _transparent(style):
        reasons.append("opacity-zero")
    if _zero_size(tag, attrs, style):
        reasons.append("zero-size")
    if _off_screen(style):
        reasons.append("off-screen")
    if tag == "marquee" and _tiny(attrs, style):
        reasons.append("tiny-marquee")
    if tag == "noscript":
        reasons.append("noscript")
    return reasons


def _transparent(style: Mapping[str, str]) -> bool:
    try:
        if _alpha(style.get("opacity", "1")) < _MIN_OPACITY:
            return True
    except ValueError:
        pass
    alpha = _ALPHA_FILTER_RE.search(style.get("filter", ""))
    return bool(alpha) and float(alpha.group(1)) < _MIN_OPACITY * 100


def _tiny(attrs: Mapping[str, str], style: Mapping[str, str]) -> bool:
    """Width or height at most 1px, from the style or from the legacy attributes."""
    for name in ("width", "height", "max-width", "max-height"):
        for value, unitless in ((style.get(name), False), (attrs.get(name), True)):
            px = _px(value, unitless_is_px=unitless)
            if px is not None and px <= _TINY_PX:
                return True
    return False


def _zero_size(tag: str, attrs: Mapping[str, str], style: Mapping[str, str]) -> bool:
    if tag in _REPLACED_ELEMENTS:
        return _tiny(attrs, style)
    overflow = {style.get(name) for name in ("overflow", "overflow-x", "overflow-y")}
    return bool(overflow & _OVERFLOW_HIDING) and _tiny({}, style)


def _off_screen(style: Mapping[str, str]) -> bool:
    sides = ("left", "top") if style.get("position") in _POSITIONED else ()
    for name in (*sides, "margin-left", "margin-top"):
        px = _px(style.get(name))
        if px is not None and px <= _OFF_SCREEN_PX:
            return True
    return False


def _inherit(
    parent: str | None, own: str | None, hides: Callable[[str], bool], reason: str
) -> str | None:
    """An inheritable property: the element's own value wins, else the parent's state."""
    if own is None:
        return _labelled(parent) if parent else None
    return reason if hides(own) else None


def _visibility_hides(value: str) -> bool:
    return value in ("hidden", "collapse")


def _indent_hides(value: str) -> bool:
    px = _px(value)
    return px is not None and px <= _OFF_SCREEN_PX


def _font_size_value(style: Mapping[str, str]) -> str | None:
    if "font-size" in style:
        return style["font-size"]
    for token in style.get("font", "").split():
        size = token.split("/", 1)[0]
        if _px(size) is not None:
            return size
    return None


def _font_size_state(parent: str | None, value: str | None) -> str | None:
    """Zero stays zero through relative sizes (em, %); an absolute size resets it."""
    inherited = _labelled(parent) if parent else None
    if value is None or value in _RELATIVE_FONT_KEYWORDS:
        return inherited
    length = _LENGTH_RE.match(value)
    if length and length.group(2) in _RELATIVE_FONT_UNITS and float(length.group(1)) != 0:
        return inherited
    px = _px(value)
    return "font-size-zero" if px is not None and px <= _TINY_PX else None


def _px(value: str | None, *, unitless_is_px: bool = False) -> float | None:
    """A CSS length in (approximate) pixels; None for anything else, % included."""
    match = _LENGTH_RE.match(value.strip().lower()) if value else None
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2)
    if number == 0:
        return 0.0
    if unit not in _UNIT_PX or (unit == "" and not unitless_is_px):
        return None
    return number * _UNIT_PX[unit]


def _background(style: Mapping[str, str], attrs: Mapping[str, str]) -> Color | None:
    """The element's own opaque background colour, if it declares one."""
    candidates = [style.get("background-color", "")]
    candidates += _TOKEN_RE.findall(style.get("background", ""))
    candidates.append(attrs.get("bgcolor", ""))
    for candidate in candidates:
        color = _parse_color(candidate)
        if color is not None and color[3] > 0:
            return color
    return None


def _same_color(text: Color | None, background: Color | None) -> bool:
    if text is None:
        return False
    if text[3] == 0:
        return True
    return background is not None and all(
        abs(a - b) <= _COLOR_TOLERANCE for a, b in zip(text[:3], background[:3], strict=True)
    )


def _parse_color(value: str) -> Color | None:
    value = value.strip().lower()
    if value == "transparent":
        return (0, 0, 0, 0.0)
    if value in _NAMED_COLORS:
        return (*_NAMED_COLORS[value], 1.0)
    hex_match = _HEX_RE.match(value)
    if hex_match:
        digits = hex_match.group(1)
        if len(digits) <= 4:
            digits = "".join(d * 2 for d in digits)
        alpha = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16), alpha)
    rgb_match = _RGB_RE.match(value)
    if rgb_match:
        parts = rgb_match.group(1).replace("/", " ").replace(",", " ").split()
        try:
            channels = [_channel(part) for part in parts[:3]]
            alpha = _alpha(parts[3]) if len(parts) > 3 else 1.0
        except ValueError:
            return None
        if len(channels) == 3:
            return (channels[0], channels[1], channels[2], alpha)
    return None


def _channel(part: str) -> int:
    if part.endswith("%"):
        return round(float(part[:-1]) * 2.55)
    return round(float(part))


def _alpha(part: str) -> float:
    return float(part[:-1]) / 100 if part.endswith("%") else float(part)


def _labelled(reason: str) -> str:
    return reason if reason.startswith(_ANCESTOR) else _ANCESTOR + reason


def _dedupe(reasons: list[str]) -> list[str]:
    return list(dict.fromkeys(reasons))
