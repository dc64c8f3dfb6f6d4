"""The allow-list every rendered body obeys, and nh3 (ammonia) as the last step.

What a published body may contain, and nothing else:

* elements: ``h1``–``h6 p br hr ul ol li table thead tbody tfoot tr th td strong b em i
  u sub sup blockquote pre code span a img``;
* attributes: ``a[href]``, ``img[src alt width height]``, ``td/th[colspan rowspan]``, and
  ``span.desk-removed-image`` (the placeholder for an image that was not published);
* URLs: ``http:``/``https:`` or relative, and only the exact hrefs and srcs the link pass
  approved (``links.rewrite``): nh3's ``attribute_filter`` drops every other value, so a
  link can only survive if ``judge`` said trusted, whatever two HTML parsers make of
  broken markup.

Decisions:

* **No inline styles, no classes, no ids.** ``style`` is dropped everywhere: it can hide
  text (暗链: ``display:none``, ``font-size:0``, off-screen), load URLs
  (``background:url()``, ``expression()`` in old IE) and restyle the page; the templates
  own the presentation. Content a reader of the draft could not see is removed before the
  styles go (``tree``), so dropping them never reveals hidden text.
* **No ``rel`` is added to links** (``link_rel=None``): only whitelisted destinations keep
  an href, no ``target`` is allowed (so no ``window.opener``), and a constant rel would
  only add bytes to every hashed body.
* Comments are stripped; ``script style template noscript iframe object embed svg math
  textarea select title head ...`` (``UNSHOWN_ELEMENTS``, which the visible text that is
  checked leaves out too) are removed with their content, every other element outside the
  list is unwrapped (its text stays). A ``<button>`` is unwrapped too: a browser shows its
  label, so the label is published as text, and a button without scripts does nothing.
* A ``.txt`` draft becomes one ``<p>`` per non-blank line (a blank line and a single
  line break both end a paragraph, as in a 公文 typed in WPS), with leading/trailing
  whitespace, full-width spaces included, dropped: the templates indent paragraphs.
  Bare URLs in text are not turned into links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection

import nh3

from desk.documents.html_parser import UNSHOWN_ELEMENTS

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = HEADINGS | frozenset(
    {"p", "hr", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
     "blockquote", "pre"}
)  # fmt: skip
INLINE_TAGS = frozenset(
    {"br", "strong", "b", "em", "i", "u", "sub", "sup", "code", "span", "a", "img"}
)  # fmt: skip
ALLOWED_TAGS = BLOCK_TAGS | INLINE_TAGS
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan"}),
}
URL_ATTRIBUTES = frozenset({("a", "href"), ("img", "src")})
URL_SCHEMES = frozenset({"http", "https"})
PLACEHOLDER_CLASS = "desk-removed-image"
ALLOWED_CLASSES: dict[str, frozenset[str]] = {"span": frozenset({PLACEHOLDER_CLASS})}
# Removed together with everything inside them (never unwrapped).
DROPPED_WITH_CONTENT = UNSHOWN_ELEMENTS
_NH3_DROPPED = frozenset(
    {"script", "style", "template", "noscript", "iframe", "frame", "frameset", "object",
     "embed", "applet", "svg", "math", "textarea", "select", "title", "noembed", "noframes",
     "xmp"}
)  # fmt: skip
_NUMBER_RE = re.compile(r"^[0-9]{1,5}$")
NUMERIC_ATTRIBUTES = frozenset({"width", "height", "colspan", "rowspan"})


def numeric_attribute(value: str) -> str | None:
    """A width/height/colspan/rowspan value if it is a plain non-negative integer."""
    value = value.strip()
    return value if _NUMBER_RE.match(value) else None


def sanitize(body_html: str, *, hrefs: Collection[str] = (), srcs: Collection[str] = ()) -> str:
    """nh3.clean with the allow-list; ``hrefs``/``srcs``: the only URL values let through."""
    cleaner = nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_NH3_DROPPED),
        attributes={"*": set(), **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}},
        attribute_filter=_attribute_filter(frozenset(hrefs), frozenset(srcs)),
        strip_comments=True,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
    )
    return cleaner.clean(body_html)


def _attribute_filter(
    hrefs: frozenset[str], srcs: frozenset[str]
) -> Callable[[str, str, str], str | None]:
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "href":
            return value if value in hrefs else None
        if attribute == "src":
            return value if value in srcs else None
        if attribute in NUMERIC_ATTRIBUTES:
            return numeric_attribute(value)
        return value

    return keep


def text_to_html(text: str) -> str:
    """A plain-text draft as paragraphs: one ``<p>`` per non-blank line, text escaped."""
    lines = (line.strip() for line in text.splitlines())
    return "".join(f"<p>{html.escape(line, quote=False)}</p>\n" for line in lines if line)
