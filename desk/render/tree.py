"""Parse a draft's HTML into a small tree, marking what a reader of the draft cannot see.

The stdlib's ``html.parser`` reads any markup without raising: ``TolerantHTMLParser``,
the parser every HTML reader in Desk shares, guards its one crash (``<![`` marked
sections). Elements nest the way
``desk.links.hidden.VisibilityTracker`` follows them: void elements never open, an ``<a>``
closes an open one, an end tag closes the innermost open element of its name and
everything inside it, a stray end tag is ignored. Every element records the tracker's
hiding reasons (its own and inherited ones, ``ancestor:``-prefixed), taken from the raw
markup and every ``<style>`` block, before any style is dropped.

Comments, doctypes, processing instructions and CDATA sections are dropped here.
"""

from __future__ import annotations

from collections import Counter

from desk.documents.html_parser import TolerantHTMLParser
from desk.links.hidden import VOID_ELEMENTS, VisibilityTracker


class Element:
    """One element: tag, attributes (first duplicate wins), children, hiding reasons."""

    __slots__ = ("attrs", "children", "hidden", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], hidden: tuple[str, ...] = ()) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Element | str] = []
        self.hidden = hidden  # VisibilityTracker reasons; () when a reader sees it

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs} hidden={self.hidden} {len(self.children)} children>"


def parse(html: str) -> Element:
    """The tree of ``html`` under a root element with tag ``""``."""
    builder = _TreeBuilder(VisibilityTracker.for_document(html))
    builder.feed(html)
    builder.close()
    return builder.root


class _TreeBuilder(TolerantHTMLParser):
    def __init__(self, tracker: VisibilityTracker) -> None:
        super().__init__()
        self.root = Element("", {})
        self._stack: list[Element] = [self.root]
        self._open: Counter[str] = Counter()  # open elements by tag: stray end tags cost O(1)
        self._tracker = tracker

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name, value or "")
        if tag == "a" and self._open["a"]:
            self._close("a")  # the tracker closes it too, as a browser does
        element = Element(tag, values, self._tracker.enter(tag, values))
        self._stack[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self._stack.append(element)
            self._open[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Browsers ignore the "/" of <div/>: the element stays open (void ones close anyway).
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._open[tag]:  # the tracker's stack mirrors this one
            self._tracker.leave(tag)
            self._close(tag)

    def handle_data(self, data: str) -> None:
        children = self._stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)

    def _close(self, tag: str) -> None:
        for index in range(len(self._stack) - 1, 0, -1):
            if self._stack[index].tag == tag:
                for element in self._stack[index:]:
                    self._open[element.tag] -= 1
                del self._stack[index:]
                return
