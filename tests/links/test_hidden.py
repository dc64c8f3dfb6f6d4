"""暗链: links a reader of the rendered page cannot see, judged on the raw HTML."""

import pytest

from desk.links import extract_links_from_html
from desk.links.hidden import VisibilityTracker


def reasons_of(html: str, url: str = "http://spam.example/") -> tuple[str, ...]:
    [link] = [link for link in extract_links_from_html(html) if link.url == url]
    assert link.hidden is bool(link.hidden_reasons)
    return link.hidden_reasons


def anchor(style: str = "", attrs: str = "") -> str:
    return f'<a href="http://spam.example/" style="{style}" {attrs}>spam</a>'


@pytest.mark.parametrize(
    ("style", "reason"),
    [
        ("display:none", "display-none"),
        ("DISPLAY : NONE", "display-none"),
        ("display:none !important", "display-none"),
        ("display: none!IMPORTANT;", "display-none"),
        ("color:red;display:/* sneaky */none", "display-none"),
        ("display:\\6e one", "display-none"),
        ("visibility:hidden", "visibility-hidden"),
        ("visibility: collapse", "visibility-hidden"),
        ("opacity:0", "opacity-zero"),
        ("opacity:0.0", "opacity-zero"),
        ("opacity:.01", "opacity-zero"),
        ("opacity:0%", "opacity-zero"),
        ("filter:alpha(opacity=0)", "opacity-zero"),
        ("font-size:0", "font-size-zero"),
        ("font-size:0px", "font-size-zero"),
        ("font-size:0pt", "font-size-zero"),
        ("font-size:0em", "font-size-zero"),
        ("font-size:0.0rem", "font-size-zero"),
        ("font-size:1px", "font-size-zero"),
        ("font:0/0 a", "font-size-zero"),
        ("width:0;overflow:hidden", "zero-size"),
        ("height:0px;overflow:hidden", "zero-size"),
        ("height:1px;overflow-y:hidden", "zero-size"),
        ("max-height:0;overflow:clip", "zero-size"),
        ("position:absolute;left:-9999px", "off-screen"),
        ("position:fixed;top:-1000px", "off-screen"),
        ("position:absolute;left:-100em", "off-screen"),
        ("position:relative;top:-999px", "off-screen"),
        ("margin-left:-5000px", "off-screen"),
        ("text-indent:-9999px", "text-indent"),
        ("text-indent:-999px", "text-indent"),
        ("color:#fff;background:#FFFFFF", "same-color"),
        ("color:white;background-color:rgb(255, 255, 255)", "same-color"),
        ("color:#fefefe;background:#fff url(bg.png) no-repeat", "same-color"),
        ("color:transparent", "same-color"),
        ("color:rgba(0,0,0,0)", "same-color"),
    ],
)
def test_inline_style_hiding(style, reason):
    assert reasons_of(anchor(style)) == (reason,)


def test_entity_encoded_style_value():
    assert reasons_of(anchor("display&#58;none")) == ("display-none",)
    assert reasons_of(anchor("&#100;isplay:&#x6E;one")) == ("display-none",)


def test_hidden_attribute():
    assert reasons_of(anchor(attrs="hidden")) == ("hidden-attribute",)


@pytest.mark.parametrize(
    ("wrapper", "reason"),
    [
        ('<div style="display:none">{}</div>', "ancestor:display-none"),
        ('<span style="visibility:hidden">{}</span>', "ancestor:visibility-hidden"),
        ('<p style="font-size:0">{}</p>', "ancestor:font-size-zero"),
        ('<div style="position:absolute;top:-5000px">{}</div>', "ancestor:off-screen"),
        ('<div style="height:0;overflow:hidden">{}</div>', "ancestor:zero-size"),
        ('<div style="text-indent:-9999px">{}</div>', "ancestor:text-indent"),
        ('<div style="opacity:0">{}</div>', "ancestor:opacity-zero"),
        ("<div hidden>{}</div>", "ancestor:hidden-attribute"),
        ('<marquee height="1" width="1">{}</marquee>', "ancestor:tiny-marquee"),
        ('<marquee style="height:0px">{}</marquee>', "ancestor:tiny-marquee"),
        ("<noscript>{}</noscript>", "ancestor:noscript"),
        ('<div style="display:none"><ul><li><b>{}</b></li></ul></div>', "ancestor:display-none"),
        ('<div style="display:none"/>{}', "ancestor:display-none"),
    ],
)
def test_hidden_ancestor(wrapper, reason):
    assert reasons_of(wrapper.format(anchor())) == (reason,)


def test_background_of_an_ancestor_counts_for_same_color():
    html = f'<table bgcolor="#ffffff"><tr><td>{anchor("color:#FFF")}</td></tr></table>'
    assert reasons_of(html) == ("same-color",)
    html = f'<div style="background:black"><p>{anchor("color:#000000")}</p></div>'
    assert reasons_of(html) == ("same-color",)


def test_own_and_inherited_reasons_are_both_reported():
    html = f'<div style="display:none">{anchor("font-size:0")}</div>'
    assert reasons_of(html) == ("font-size-zero", "ancestor:display-none")


@pytest.mark.parametrize(
    ("css", "attrs"),
    [
        (".hide{display:none}", 'class="hide"'),
        (".a, .hide { display : none }", 'class="x hide"'),
        ("#seo{visibility:hidden}", 'id="seo"'),
        ("a.hide{font-size:0}", 'class="hide"'),
        (".x.hide{display:none}", 'class="hide x"'),
        ("/* hide it */ .hide{DISPLAY:NONE!important}", 'class="hide"'),
        ("<!-- .hide{display:none} -->", 'class="hide"'),
        ('@import "x.css"; .hide{display:none}', 'class="hide"'),
        ("@media screen { .hide { display: none } }", 'class="hide"'),
        (".hide{position:absolute;left:-9999px}", 'class="hide"'),
        ("a#seo.x{display:none}", 'id="seo" class="x"'),
        ("*{display:none}", ""),
    ],
)
def test_style_block_class_and_id_rules(css, attrs):
    html = f"<style>{css}</style>" + anchor(attrs=attrs)
    assert reasons_of(html) != ()


@pytest.mark.parametrize(
    ("css", "hidden"),
    [
        (".a{display:none} .b{display:block}", False),
        (".b{display:block} .a{display:none}", True),
        (".a{display:none!important} .b{display:block}", True),
        ("#x{display:block} .a{display:none}", False),
        ("a.a{display:none} .b{display:block}", True),
    ],
)
def test_later_rules_and_important_win(css, hidden):
    html = f"<style>{css}</style>" + anchor(attrs='id="x" class="a b"')
    assert bool(reasons_of(html)) is hidden


def test_style_block_after_the_link_still_applies():
    html = '<div class="seo">' + anchor() + "</div><style>.seo{display:none}</style>"
    assert reasons_of(html) == ("ancestor:display-none",)


@pytest.mark.parametrize(
    "html",
    [
        anchor(),
        anchor("display:block"),
        anchor("display:inline-block;color:#333"),
        anchor("font-size:12px"),
        anchor("font-size:small"),
        anchor("opacity:0.5"),
        anchor("visibility:visible"),
        anchor("position:absolute;left:-10px"),
        anchor("left:-9999px"),  # not positioned: left does nothing
        anchor("width:0"),  # no overflow hidden: text spills out visibly
        anchor("text-indent:2em"),
        anchor("color:#fff"),  # background unknown: not assumed white
        anchor("color:#fff;background:#c00"),
        anchor(attrs='class="hide"'),  # class without any rule
        "<style>.hide{display:none}</style>" + anchor(attrs='class="show"'),
        "<style>.hide{display:none}</style>" + anchor("display:block", 'class="hide"'),
        "<style>.hide .x{display:none}</style>" + anchor(attrs='class="hide"'),
        '<div style="visibility:hidden">' + anchor("visibility:visible") + "</div>",
        '<ul style="font-size:0"><li style="font-size:14px">' + anchor() + "</li></ul>",
        '<div style="text-indent:-9999px"><p style="text-indent:0">' + anchor() + "</p></div>",
        '<div style="display:none"></div>' + anchor(),
        '<div style="display:none"><p>x</p></div>' + anchor(),
        '<a href="/x" style="display:none">x' + anchor(),  # an <a> closes the open one
        '<marquee height="100">' + anchor() + "</marquee>",
        '<div style="display:none;">x</div  >' + anchor(),
    ],
)
def test_visible_links_are_not_hidden(html):
    assert reasons_of(html) == ()


def test_font_size_zero_survives_relative_sizes():
    html = '<p style="font-size:0"><span style="font-size:1.5em">' + anchor() + "</span></p>"
    assert reasons_of(html) == ("ancestor:font-size-zero",)


def test_hidden_iframe_and_image():
    html = (
        '<iframe src="http://spam.example/" width="0" height="0"></iframe>'
        '<img src="http://pixel.example/" style="width:1px;height:1px">'
        '<iframe src="http://ok.example/" width="600" height="400"></iframe>'
    )
    assert reasons_of(html) == ("zero-size",)
    assert reasons_of(html, "http://pixel.example/") == ("zero-size",)
    assert reasons_of(html, "http://ok.example/") == ()


def test_other_link_kinds_inherit_hiding():
    html = '<div style="display:none"><img src="http://spam.example/" srcset="a.png 1x"></div>'
    assert {link.hidden for link in extract_links_from_html(html)} == {True}


def test_tracker_follows_the_elements_the_parser_opens_and_closes():
    tracker = VisibilityTracker([".h{display:none}"])
    assert tracker.enter("div", {"class": "h"}) == ("display-none",)
    assert tracker.enter("span", {}) == ("ancestor:display-none",)
    assert tracker.depth == 2
    tracker.leave()
    tracker.leave()
    assert tracker.depth == 0
    assert tracker.enter("a", {}) == ()
    assert tracker.enter("img", {"hidden": ""}) == ("hidden-attribute",)
