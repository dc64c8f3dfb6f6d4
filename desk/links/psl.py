"""Registrable domain (eTLD+1) from the Public Suffix List snapshot bundled with tldextract.

Only used to report who owns a host, and to warn about a whitelist entry that trusts a
whole public suffix; never to decide trust. tldextract is imported and
its extractor built on first use: ``import desk.links`` should not pay for loading the
suffix list. The extractor never touches the network (no suffix-list URLs) or a cache
directory, so every machine answers the same from the same snapshot. Private suffixes
(github.io, ...) are included because the owner of ``x.github.io`` is ``x``, not GitHub.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tldextract import TLDExtract


@cache
def _extractor() -> TLDExtract:
    import tldextract

    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


@lru_cache(maxsize=8192)  # a page links the same few hosts over and over
def registrable_domain(host: str) -> str | None:
    """``www.hangzhou.gov.cn`` -> ``hangzhou.gov.cn``; None for a bare suffix or no domain."""
    return _extractor()(host).top_domain_under_public_suffix or None


@cache
def top_level_domains() -> frozenset[str]:
    """Every top-level label of the snapshot's public suffixes (``cn``, ``com``, ``top``,
    ``xn--fiqs8s`` ...), lowercase: what makes ``word.word`` in running text a host name."""
    return frozenset(suffix.rpartition(".")[2] for suffix in _extractor().tlds)


@lru_cache(maxsize=1024)
def is_public_suffix(host: str) -> bool:
    """Whether ``host`` is itself a public suffix (``com.cn``, ``co.uk``, ``github.io``):
    a name under which anyone may register a domain or open a site."""
    parts = _extractor()(host)
    return bool(parts.suffix) and not parts.domain and not parts.subdomain
