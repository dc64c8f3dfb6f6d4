"""An independent check that a rendered page is inert.

Deliberately does not reuse the renderer's own allow-list constants: a mistake there
must not be able to widen what this check accepts.
"""

from __future__ import annotations

import html
import re
import struct
import zlib
from html.parser import HTMLParser

from ada_url import URL

from desk.render import page_body

BODY_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "table", "thead",
    "tbody", "tfoot", "tr", "th", "td", "strong", "b", "em", "i", "u", "sub", "sup",
    "blockquote", "pre", "code", "span", "a", "img",
}  # fmt: skip
BODY_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "span": {"class"},
}
TEMPLATE_TAGS = {"html", "head", "meta", "title", "style", "body", "article", "div", "h1"}
TRUSTED_SUFFIXES = ("gov.cn", "mp.weixin.qq.com")
# The canonical serialization nh3 writes: lowercase tags, double-quoted attributes.
_TOKEN_RE = re.compile(
    r'<(?P<end>/)?(?P<tag>[a-z][a-z0-9]*)(?P<attrs>(?: [a-z]+="[^"]*")*)>|(?P<text>[^<]+)'
)
_ATTRIBUTE_RE = re.compile(r' ([a-z]+)="([^"]*)"')
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def as_browser_reads(url: str) -> str:
    """Strip what a browser strips before looking at a URL's scheme."""
    return url.strip(_C0_AND_SPACE).translate({9: None, 10: None, 13: None})


def check_url(tag: str, attribute: str, value: str, asset_prefix: str) -> None:
    url = as_browser_reads(value)
    scheme = _SCHEME_RE.match(url)
    if scheme:
        assert scheme.group(1).lower() in ("http", "https"), (tag, attribute, value)
        host = URL(url).hostname
        assert any(host == s or host.endswith("." + s) for s in TRUSTED_SUFFIXES), value
        return
    assert not re.match(r"^[/\\]{2}", url), f"protocol-relative URL {value!r}"
    if tag == "img":
        assert url.startswith(asset_prefix), f"img src {value!r} is neither trusted nor an asset"


def assert_body_inert(body: str, asset_prefix: str = "assets/") -> None:
    """Every token of the body is allowed text, an allowed tag or an allowed attribute."""
    pos = 0
    while pos < len(body):
        match = _TOKEN_RE.match(body, pos)
        assert match, f"not canonical allow-listed HTML at {pos}: {body[pos : pos + 80]!r}"
        pos = match.end()
        if match.group("text") is not None:
            continue
        tag = match.group("tag")
        assert tag in BODY_TAGS, f"element <{tag}> in the body"
        if match.group("end"):
            assert not match.group("attrs")
            continue
        for name, raw in _ATTRIBUTE_RE.findall(match.group("attrs")):
            value = html.unescape(raw)
            assert name in BODY_ATTRIBUTES.get(tag, set()), f"<{tag} {name}> in the body"
            if name in ("href", "src"):
                check_url(tag, name, value, asset_prefix)
            if name == "class":
                assert value == "desk-removed-image"
            if name in ("width", "height", "colspan", "rowspan"):
                assert value.isdigit(), (tag, name, value)


class _PageTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def assert_inert(page: str, *, styles: int | None = None, asset_prefix: str = "assets/") -> None:
    """The whole page: the body as above, and only the template's own head elements."""
    assert_body_inert(page_body(page), asset_prefix)
    parser = _PageTags()
    parser.feed(page)
    parser.close()
    names = [tag for tag, _ in parser.tags]
    for tag, attrs in parser.tags:
        assert tag in TEMPLATE_TAGS | BODY_TAGS, f"<{tag}> in the page"
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        if tag == "meta":
            assert set(attrs) in ({"charset"}, {"http-equiv", "content"}, {"name", "content"})
            if "http-equiv" in attrs:
                assert attrs["http-equiv"] == "Content-Security-Policy"
                assert attrs["content"].startswith("default-src 'none'; img-src 'self'")
            if "name" in attrs:
                assert attrs["name"] in ("viewport", "desk-content-sha256")
    assert "script" not in names
    if styles is not None:
        assert names.count("style") == styles
    if "style" in names:  # the template's own, in the head
        assert names.index("style") < names.index("body")


def png_bytes(width: int = 1, height: int = 1) -> bytes:
    """A real, minimal RGBA PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x00\x00\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
