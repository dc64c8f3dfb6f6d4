"""Known URL-shortener hosts: their links hide the real destination from the reviewer."""

from __future__ import annotations

SHORTENER_DOMAINS: frozenset[str] = frozenset(
    {
        # Chinese services
        "t.cn",
        "url.cn",
        "dwz.cn",
        "suo.im",
        "mrw.so",
        "tb.cn",
        # International services
        "bit.ly",
        "t.co",
        "tinyurl.com",
        "goo.gl",
        "ow.ly",
        "is.gd",
        "v.gd",
        "buff.ly",
        "rebrand.ly",
        "cutt.ly",
        "tiny.cc",
        "rb.gy",
        "t.ly",
        "shorturl.at",
        "s.id",
        "bl.ink",
        "lnkd.in",
        "dlvr.it",
    }
)


def is_shortener(host: str) -> bool:
    """True for a shortener domain or any host under it (``w.url.cn``)."""
    labels = host.lower().removesuffix(".").split(".")
    return any(".".join(labels[i:]) in SHORTENER_DOMAINS for i in range(len(labels) - 1))
