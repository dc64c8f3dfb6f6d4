"""The page templates: ``resources/templates/{portal,mobile,bare}.html``.

* ``portal``: a government portal article page, a centred 900px column, title centred
  above the body, paragraphs justified with the 2em first-line indent of 公文 and
  portal articles (not inside lists, tables and quotes).
* ``mobile``: a WeChat-style article, a 420px column (phones are 375–420px wide), 17px
  text, no first-line indent and a blank line between paragraphs, tables scroll sideways.
* ``bare``: the body with no styling at all, for a CMS that brings its own.

Typography: ``"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",
sans-serif``, line-height 1.8, justified. No external resource of any kind (no web fonts,
no scripts, no stylesheets): styles sit in the template's own ``<style>`` block.

The content hash is in ``<meta name="desk-content-sha256">`` only, not printed on the
page: readers of a government site have no use for it, and machines read the meta tag.

Every page carries a CSP meta: ``default-src 'none'; img-src 'self' [ORIGINS];
style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'``, where ORIGINS are the
origins of the remote images kept because their host is trusted (sorted), so the page
can load nothing else. ``data:`` is not in ``img-src``: embedded images are published
as files.

Placeholders (``string.Template``): ``$title`` (escaped here), ``$title_heading`` (an
``<h1 class="desk-title">`` or nothing when there is no title), ``$body`` (the
sanitized body, inserted as is), ``$content_sha256``, ``$csp``. The body is always
exactly what lies between ``<div class="desk-body">`` and the page's last ``</div>``
(``page_body``): ``<div>`` is not allowed in a body, and nh3 escapes ``<`` and ``>`` in
text and attribute values alike, so the body never contains ``</div>``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from string import Template

from desk.resources import resource_path

TEMPLATES = ("portal", "mobile", "bare")
BODY_START = '<div class="desk-body">'
BODY_END = "</div>"
_cache: dict[str, Template] = {}


class TemplateError(ValueError):
    """An unknown template name, or a template file that is missing or malformed."""


def load_template(name: str) -> Template:
    if name not in TEMPLATES:
        raise TemplateError(f"未知模板 {name!r}，可选：{'、'.join(TEMPLATES)}")
    if name not in _cache:
        path = resource_path("templates", f"{name}.html")
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise TemplateError(f"{path}: 模板无法读取（{error.strerror or error}）") from None
        _cache[name] = Template(text)
    return _cache[name]


def csp(image_origins: Iterable[str] = ()) -> str:
    img = " ".join(["'self'", *sorted(set(image_origins))])
    return (
        f"default-src 'none'; img-src {img}; style-src 'unsafe-inline'; "
        "base-uri 'none'; form-action 'none'"
    )


def fill(
    name: str,
    *,
    title: str,
    body_html: str,
    content_sha256: str,
    image_origins: Iterable[str] = (),
) -> str:
    """The full page: ``body_html`` must already be sanitized; ``title`` is plain text."""
    escaped = html.escape(title, quote=True)
    heading = f'<h1 class="desk-title">{escaped}</h1>\n' if title else ""
    try:
        return load_template(name).substitute(
            title=escaped,
            title_heading=heading,
            body=body_html,
            content_sha256=content_sha256,
            csp=html.escape(csp(image_origins), quote=False),
        )
    except (KeyError, ValueError) as error:
        raise TemplateError(f"模板 {name} 有误：{error}") from None


def page_body(page_html: str) -> str:
    """The sanitized body of a rendered page, for re-hashing it (tamper checks)."""
    start = page_html.find(BODY_START)
    end = page_html.rfind(BODY_END)
    if start < 0 or end < start:
        raise ValueError("not a page rendered by desk render: no desk-body")
    return page_html[start + len(BODY_START) : end]
