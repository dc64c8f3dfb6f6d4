"""The content hash: what sign-off and tamper checks bind to.

Definition (stable; changing it invalidates every stored approval)::

    content_hash(title, body_html, attributes) =
        SHA-256, as 64 lowercase hex digits, of the UTF-8 bytes of
        json.dumps({"attributes": attributes or {}, "body": body_html, "title": title},
                   sort_keys=True, ensure_ascii=False, separators=(",", ":"))

* ``title``: the title text exactly as given (not HTML-escaped). ``desk render``
  passes ``--title`` with runs of whitespace collapsed to one space and the ends
  stripped, ``""`` when there is none.
* ``body_html``: the **sanitized** body exactly as it appears in the published page,
  between the template's ``<div class="desk-body">`` and its ``</div>``: the output of
  nh3, after links were de-linked and images localized. Localized images appear as
  ``assets/<sha256 of the image bytes><ext>``, so the image bytes are bound too
  (and the hash depends on the assets folder's name, i.e. on the output file name,
  when the draft has local or embedded images). The template is not hashed: the same
  content under ``portal`` and ``mobile`` has the same hash.
* ``attributes``: further string fields the approval covers (e.g. 来源, 栏目); ``None``
  and ``{}`` are the same. ``desk render`` passes none.

No Unicode normalization is applied: the hash is of exactly these strings. The JSON
encoding (``ensure_ascii=False``, ``sort_keys``, no spaces) escapes only ``"``, ``\\``
and control characters, so any other implementation can reproduce it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping


def canonical_content(
    title: str, body_html: str, attributes: Mapping[str, str] | None = None
) -> bytes:
    """The exact bytes ``content_hash`` hashes."""
    payload = {"attributes": dict(attributes or {}), "body": body_html, "title": title}
    for name, value in payload["attributes"].items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError(f"attribute {name!r}: names and values must be strings")
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def content_hash(title: str, body_html: str, attributes: Mapping[str, str] | None = None) -> str:
    """SHA-256 hex of title + sanitized body + attributes (see the module docstring)."""
    return hashlib.sha256(canonical_content(title, body_html, attributes)).hexdigest()
