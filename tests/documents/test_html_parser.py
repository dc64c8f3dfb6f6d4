"""The open elements every HTML reader shares, built as a browser builds them."""

from __future__ import annotations

import pytest

from desk.documents.html_parser import TolerantHTMLParser


class _Events(TolerantHTMLParser):
    """The tree as nested tuples, from the start/end events alone."""

    def __init__(self) -> None:
        super().__init__()
        self.root: list = []
        self._children = [self.root]
        self.depths: list[int] = []

    def start_element(self, tag, attrs):
        children: list = []
        self._children[-1].append((tag, children))
        self._children.append(children)
        self.depths.append(self.depth)

    def end_element(self, tag):
        assert self._children[-2][-1][0] == tag  # the innermost open element closes
        self._children.pop()

    def handle_data(self, data):
        self._children[-1].append(data)


def tree(markup: str) -> list:
    parser = _Events()
    parser.parse_document(markup)
    assert len(parser._children) == 1  # everything closed at the end
    return parser.root


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # foreign content ends where a browser ends it
        ("<svg onload=x><p>正文</p>", [("svg", []), ("p", ["正文"])]),
        ("<svg><g><p>正文", [("svg", [("g", [])]), ("p", ["正文"])]),
        ("<math><mi>x</mi><div>正文", [("math", [("mi", ["x"])]), ("div", ["正文"])]),
        ("<svg></p>正文", [("svg", []), "正文"]),
        ("<svg></br>正文", [("svg", []), ("br", []), "正文"]),
        ("<svg><font color=red>正文", [("svg", []), ("font", ["正文"])]),
        ("<svg><font>图", [("svg", [("font", ["图"])])]),
        ("<svg><rect/><circle/>图", [("svg", [("rect", []), ("circle", []), "图"])]),
        ("<svg><svg><img>", [("svg", [("svg", [])]), ("img", [])]),
        # integration points: HTML belongs inside
        ("<svg><foreignObject><p>甲</p></foreignObject><p>乙",
         [("svg", [("foreignobject", [("p", ["甲"])])]), ("p", ["乙"])]),
        ("<svg><desc><b>甲", [("svg", [("desc", [("b", ["甲"])])])]),
        ("<math><mi><p>甲", [("math", [("mi", [("p", ["甲"])])])]),
        ("<math><mi><mglyph><p>甲", [("math", [("mi", [("mglyph", []), ("p", ["甲"])])])]),
        ('<math><annotation-xml encoding="TEXT/HTML"><p>甲',
         [("math", [("annotation-xml", [("p", ["甲"])])])]),
        ("<math><annotation-xml><svg><p>甲",
         [("math", [("annotation-xml", [("svg", [])])]), ("p", ["甲"])]),
        # HTML rules
        ("<div/>正文", [("div", ["正文"])]),
        ("<br/>正文</br>", [("br", []), "正文", ("br", [])]),
        ("<a href=1>甲<a href=2>乙", [("a", ["甲"]), ("a", ["乙"])]),
        ("<b>甲</i>乙</b>丙", [("b", ["甲", "乙"]), "丙"]),
        ("<div><span>甲</div>乙", [("div", [("span", ["甲"])]), "乙"]),
        ("<head><title>标</title><p>正文", [("head", [("title", ["标"])]), ("p", ["正文"])]),
        ("<head><meta charset=utf-8><style>p{}</style></head>",
         [("head", [("meta", []), ("style", ["p{}"])])]),
        ("<button>甲<p>乙", [("button", ["甲", ("p", ["乙"])])]),
    ],
)  # fmt: skip
def test_elements_nest_as_in_a_browser(markup, expected):
    assert tree(markup) == expected


def test_depth_counts_the_element_being_opened():
    parser = _Events()
    parser.parse_document("<div><svg><g></g></svg><p><img></p></div>")
    assert parser.depths == [1, 2, 3, 2, 3]


def test_a_thousand_unclosed_foreign_elements_end_at_the_first_paragraph():
    markup = "<svg>" + "<g>" * 1000 + "<p>正文"
    assert tree(markup)[-1] == ("p", ["正文"])
