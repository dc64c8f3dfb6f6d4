"""Parse a draft's HTML into a small tree, marking what a reader of the draft cannot see.

``TolerantHTMLParser``, the parser every HTML reader in Desk shares, reads any markup
without raising and decides which elements are open as a browser does (void elements,
nested ``<a>``, foreign content that a ``<p>`` breaks out of …); the tree is exactly its
stack of open elements. Every element records the ``VisibilityTracker``'s hiding reasons
(its own and inherited ones, ``ancestor:``-prefixed), taken from the raw markup and every
``<style>`` block, before any style is dropped.

Comments, doctypes, processing instructions and CDATA sections are dropped here.
"""

from __future__ import annotations

from desk.documents.html_parser import TolerantHTMLParser
from desk.links.hidden import VisibilityTracker


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
        self._tracker = tracker

    def start_element(self, tag: str, attrs: dict[str, str]) -> None:
        element = Element(tag, attrs, self._tracker.enter(tag, attrs))
        self._stack[-1].children.append(element)
        self._stack.append(element)

    def end_element(self, tag: str) -> None:
        self._tracker.leave()
        self._stack.pop()

    def handle_data(self, data: str) -> None:
        children = self._stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)
