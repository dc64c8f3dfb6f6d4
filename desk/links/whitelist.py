"""The desk's whitelist of trusted link destinations, read from a plain-text file.

One entry per line; ``#`` starts a comment (whole-line or trailing); blank lines are
ignored::

    gov.cn              # gov.cn and every host under it (a public suffix is fine)
    *.example.org       # read exactly like example.org
    =mp.weixin.qq.com   # this host only: not weixin.qq.com, not a.mp.weixin.qq.com
    example.com/docs/   # only paths under /docs/, on example.com and its subdomains

Hosts are normalised the way a browser normalises them (lowercase, IDN to punycode,
ideographic full stops to dots, one trailing dot dropped), so the desk can paste them in
whatever form it has. A path prefix ends at a segment boundary: ``example.com/docs``
covers ``/docs`` and ``/docs/...`` but not ``/docsxyz``.

Lines whose meaning is doubtful are rejected, all of them at once with line numbers,
rather than guessed at:

* schemes, userinfo, queries, backslashes, whitespace inside an entry, percent-escapes
  in the host (they are fine in a path: ``%E6%94%BF`` and ``政`` are the same prefix);
* ports: trust is per host, and a port would wrongly suggest other ports stay untrusted;
* IP addresses in any notation: publication links must name hosts, and ip-host links are
  always judged suspicious;
* single-label entries (``cn``, ``localhost``): trusting a whole TLD is surely a typo;
* empty labels, labels that are not letters/digits/hyphens, invalid punycode;
* ``.``/``..`` segments in a path prefix, whose meaning would depend on normalisation;
* lines over ``MAX_LINE_CHARS`` characters, and files over ``MAX_FILE_BYTES``.

An entry that is a public suffix (``com.cn``, ``co.uk``, ``github.io``) is accepted with
a warning (``Whitelist.warnings``): anyone may register a name under it, so it trusts
sites nobody vetted. ``gov.cn`` is the exception: only government bodies are given names
under it, which is why the shipped whitelist trusts it whole.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ada_url import URL, HostType

from desk.documents.encoding import UndecodableText, decode_text
from desk.links.idn import ACE_PREFIX, decode_label
from desk.links.psl import is_public_suffix
from desk.reading import (
    MB,
    overlong_lines,
    overlong_message,
    quoted,
    read_regular_file,
)
from desk.resources import resource_path

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_WHITESPACE_RE = re.compile(r"\s")
_LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_DOT_SEGMENT_RE = re.compile(r"(?:^|/)(?:\.|%2e){1,2}(?:/|$)", re.IGNORECASE)
_FORBIDDEN = (
    ("@", "不能含用户名（@）"),
    ("\\", "不能含反斜杠"),
    ("?", "不能含查询参数（?）"),
)
_PERCENT_ESCAPE_RE = re.compile(r"%[0-9a-fA-F]{2}")
_MAX_HOST_LENGTH = 253
MAX_FILE_BYTES = MB  # tens of thousands of hosts; the shipped list is under 1 KB
_VETTED_SUFFIXES = frozenset({"gov.cn"})


class WhitelistError(ValueError):
    """Every bad line of a whitelist, so the desk can fix them all in one go."""

    def __init__(self, errors: list[tuple[int, str]], source: str = "<string>") -> None:
        self.errors = errors
        self.source = source
        super().__init__(
            "\n".join(
                f"{source}:{line}: {message}" if line else f"{source}: {message}"
                for line, message in errors
            )
        )


@dataclass(frozen=True, slots=True)
class WhitelistEntry:
    """One normalised entry: an ASCII host, whether it is exact, an optional path prefix."""

    host: str
    exact: bool = False
    path: str | None = None

    def __str__(self) -> str:
        return f"{'=' if self.exact else ''}{self.host}{self.path or ''}"

    def matches(self, host: str, path: str) -> bool:
        """Whether a normalised host and URL path fall under this entry."""
        if host != self.host and (self.exact or not host.endswith("." + self.host)):
            return False
        if self.path is None:
            return True
        path = _upper_escapes(path)
        if self.path.endswith("/"):
            return path.startswith(self.path)
        return path == self.path or path.startswith(self.path + "/")


class Whitelist:
    """A set of entries plus the hash that identifies it in stored check results."""

    __slots__ = ("_by_host", "content_hash", "entries", "source", "warnings")

    def __init__(
        self,
        entries: Iterable[WhitelistEntry],
        source: str = "<string>",
        warnings: Sequence[str] = (),
    ) -> None:
        self.entries: tuple[WhitelistEntry, ...] = tuple(sorted(set(entries), key=str))
        self.source = source
        self.warnings = tuple(warnings)  # lines that are accepted but doubtful
        canonical = "\n".join(map(str, self.entries)).encode("utf-8")
        self.content_hash: str = hashlib.sha256(canonical).hexdigest()
        by_host: dict[str, list[WhitelistEntry]] = {}
        for entry in self.entries:
            by_host.setdefault(entry.host, []).append(entry)
        self._by_host = by_host

    def __repr__(self) -> str:
        return (
            f"Whitelist({len(self.entries)} entries from {self.source}, {self.content_hash[:12]})"
        )

    def match(self, host: str, path: str = "/") -> WhitelistEntry | None:
        """The entry trusting ``host``+``path`` (exact entries first), or None.

        ``host`` is an ASCII hostname as ada returns it; one trailing dot is ignored.
        """
        host = host.lower().removesuffix(".")
        labels = host.split(".")
        found = None
        for i in range(len(labels)):
            for entry in self._by_host.get(".".join(labels[i:]), ()):
                if entry.matches(host, path):
                    if entry.exact:
                        return entry
                    found = found or entry
        return found


def parse_whitelist(text: str, source: str = "<string>") -> Whitelist:
    """Parse whitelist text; raise WhitelistError listing every bad line."""
    entries: list[WhitelistEntry] = []
    errors: list[tuple[int, str]] = []
    warnings: list[str] = []
    overlong = set(overlong_lines(text))
    for line_no, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if line_no in overlong:
            errors.append((line_no, overlong_message()))
            continue
        raw = line.split("#", 1)[0].strip()
        if not raw:
            continue
        try:
            entry = _parse_entry(raw)
        except _BadEntry as exc:
            errors.append((line_no, f"「{quoted(raw)}」: {exc}"))
            continue
        entries.append(entry)
        if not entry.exact and entry.host not in _VETTED_SUFFIXES and is_public_suffix(entry.host):
            warnings.append(
                f"{source}:{line_no}: {entry.host} 是公共后缀，任何人都可以在其下注册域名"
                "或开设网站，写它等于信任所有这些网站；"
                f"请改写具体的域名（如 example.{entry.host}）"
            )
    if errors:
        raise WhitelistError(errors, source)
    return Whitelist(entries, source, warnings)


def load_whitelist(path: str | os.PathLike[str]) -> Whitelist:
    """Read a whitelist file (UTF-8, UTF-16 with BOM, or GB18030/GBK); OSError (its
    message in Chinese) if it is not a regular file of at most MAX_FILE_BYTES."""
    source = os.fspath(path)
    data = read_regular_file(source, MAX_FILE_BYTES)
    try:
        text = decode_text(data)
    except UndecodableText as exc:
        raise WhitelistError([(0, str(exc))], source) from exc
    return parse_whitelist(text, source)


class _BadEntry(Exception):
    """Why one line is not a usable entry."""


def _parse_entry(raw: str) -> WhitelistEntry:
    if _WHITESPACE_RE.search(raw):
        raise _BadEntry("条目中间不能有空格")
    if _SCHEME_RE.match(raw):
        raise _BadEntry("不要写 http:// 等协议，只写主机名，例如 www.gov.cn")
    exact = raw.startswith("=")
    body = raw.removeprefix("=")
    if body.startswith("*."):
        if exact:
            raise _BadEntry("「=」（仅此主机）与「*.」（所有子域名）互相矛盾")
        body = body[2:]
    if "*" in body:
        raise _BadEntry("通配符只能写在开头，形如 *.example.com")
    for char, message in _FORBIDDEN:
        if char in body:
            raise _BadEntry(message)
    host, slash, path = body.partition("/")
    if "%" in host:
        raise _BadEntry("主机名中不能用百分号编码，请直接写字符")
    return WhitelistEntry(_normalize_host(host), exact, _normalize_path(slash + path))


def _normalize_host(host: str) -> str:
    if host.startswith("[") or host.count(":") > 1:
        raise _BadEntry("不能用 IP 地址，请写主机名")
    if ":" in host:
        raise _BadEntry("不要写端口号，白名单对主机的所有端口生效")
    if not host:
        raise _BadEntry("缺少主机名")
    try:
        url = URL(f"http://{host}/")
    except ValueError:
        raise _BadEntry("不是有效的主机名") from None
    if url.host_type != HostType.DEFAULT:
        raise _BadEntry("不能用 IP 地址，请写主机名")
    ascii_host = url.hostname.removesuffix(".")
    labels = ascii_host.split(".")
    if "" in labels:
        raise _BadEntry("域名中有空段（连续两个点或以点开头）")
    if len(labels) < 2:
        raise _BadEntry("只有一段的域名会信任整个顶级域，不允许")
    if len(ascii_host) > _MAX_HOST_LENGTH:
        raise _BadEntry("主机名超过 253 个字符")
    for label in labels:
        if not _LABEL_RE.match(label):
            raise _BadEntry(f"域名段 {label!r} 无效（只能有字母、数字和中间的连字符）")
        if label.startswith(ACE_PREFIX) and decode_label(label) is None:
            raise _BadEntry(f"域名段 {label!r} 不是有效的 punycode")
    return ascii_host


def _normalize_path(path: str) -> str | None:
    if not path or path == "/":
        return None
    if _DOT_SEGMENT_RE.search(path):
        raise _BadEntry("路径中不能有 . 或 .. 段")
    return _upper_escapes(URL(f"http://host.invalid{path}").pathname)


def _upper_escapes(path: str) -> str:
    """``%e6`` and ``%E6`` are the same byte; compare paths with one spelling."""
    return _PERCENT_ESCAPE_RE.sub(lambda m: m.group().upper(), path)


DEFAULT_WHITELIST = resource_path("whitelist", "default.txt")


def load_default_whitelist() -> Whitelist:
    """The shipped whitelist (gov.cn and the central news sites), used when none is given."""
    return load_whitelist(DEFAULT_WHITELIST)
