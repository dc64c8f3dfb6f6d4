"""Whitelist file format: entries, normalisation, bad lines with their numbers, hashing."""

import hashlib
import os

import pytest

from desk.links import Whitelist, WhitelistError, load_whitelist, parse_whitelist
from desk.links.whitelist import WhitelistEntry


def entries(text: str) -> list[str]:
    return [str(entry) for entry in parse_whitelist(text).entries]


@pytest.mark.parametrize(
    ("line", "normalized"),
    [
        ("gov.cn", "gov.cn"),
        ("WWW.GOV.CN", "www.gov.cn"),
        ("www.gov.cn.", "www.gov.cn"),
        ("*.example.com", "example.com"),
        ("=mp.weixin.qq.com", "=mp.weixin.qq.com"),
        ("=MP.Weixin.QQ.com.", "=mp.weixin.qq.com"),
        ("例子.中国", "xn--fsqu00a.xn--fiqs8s"),
        ("xn--fsqu00a.xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s"),
        ("www。gov。cn", "www.gov.cn"),
        ("ｗｗｗ.gov.cn", "www.gov.cn"),
        ("example.com/path/", "example.com/path/"),
        ("example.com/path", "example.com/path"),
        ("example.com/", "example.com"),
        ("*.example.com/docs/", "example.com/docs/"),
        ("example.com/政策/", "example.com/%E6%94%BF%E7%AD%96/"),
        ("=example.com/a/", "=example.com/a/"),
    ],
)
def test_entries_are_normalized(line, normalized):
    assert entries(line) == [normalized]


def test_comments_and_blank_lines_are_ignored():
    text = "# whole-line comment\n\n   \ngov.cn   # trailing comment\n\t# indented comment\n"
    assert entries(text) == ["gov.cn"]


def test_bom_is_ignored():
    assert entries("\ufeffgov.cn\n") == ["gov.cn"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("https://www.gov.cn", "协议"),
        ("http://www.gov.cn/path", "协议"),
        ("example.com:8080", "端口"),
        ("exa mple.com", "空格"),
        ("192.168.0.1", "IP 地址"),
        ("3232235521.", "IP 地址"),
        ("0x7f.1", "IP 地址"),
        ("[::1]", "IP 地址"),
        ("::1", "IP 地址"),
        ("a..b.com", "空段"),
        (".gov.cn", "空段"),
        ("gov.cn..", "空段"),
        ("cn", "只有一段"),
        ("localhost", "只有一段"),
        ("user@example.com", "用户名"),
        ("example.com\\path", "反斜杠"),
        ("example.com/?q=1", "查询参数"),
        ("exa%6dple.com", "百分号"),
        ("=*.example.com", "矛盾"),
        ("ex*ample.com", "通配符"),
        ("*example.com", "通配符"),
        ("example.*", "通配符"),
        ("-bad.example.com", "无效"),
        ("bad-.example.com", "无效"),
        ("under_score.example.com", "无效"),
        ("xn--zz.example.com", "punycode"),
        ("example.com/a/../b", ". 或 .. 段"),
        ("example.com/a/%2e%2e/b", ". 或 .. 段"),
        ("example.com/./a", ". 或 .. 段"),
        ("exa<mple.com", "不是有效的主机名"),
        ("=", "缺少主机名"),
        ("/path/", "缺少主机名"),
        ("a" * 64 + ".com", "无效"),
        (".".join(["abcdefghi"] * 26) + ".com", "超过 253"),
    ],
)
def test_bad_line_is_rejected_with_reason(line, message):
    with pytest.raises(WhitelistError) as caught:
        parse_whitelist(line)
    [(line_no, text)] = caught.value.errors
    assert line_no == 1
    assert message in text


def test_all_bad_lines_are_reported_with_line_numbers():
    text = "\n".join(
        [
            "# header",  # 1
            "gov.cn",  # 2
            "https://evil.com",  # 3
            "",  # 4
            "example.com:80  # port",  # 5
            "=mp.weixin.qq.com",  # 6
            "10.0.0.1",  # 7
        ]
    )
    with pytest.raises(WhitelistError) as caught:
        parse_whitelist(text, source="desk.txt")
    assert [line for line, _ in caught.value.errors] == [3, 5, 7]
    assert caught.value.source == "desk.txt"
    assert "desk.txt:5:" in str(caught.value)


def test_load_whitelist_reads_utf8_with_bom(tmp_path):
    path = tmp_path / "whitelist.txt"
    path.write_bytes("\ufeff# 白名单\n例子.中国\n=mp.weixin.qq.com\n".encode())
    loaded = load_whitelist(path)
    assert [str(e) for e in loaded.entries] == ["=mp.weixin.qq.com", "xn--fsqu00a.xn--fiqs8s"]
    assert loaded.source == str(path)


def test_load_whitelist_reports_bad_lines_with_the_file_name(tmp_path):
    path = tmp_path / "whitelist.txt"
    path.write_text("gov.cn\nhttp://x.com\n", encoding="utf-8")
    with pytest.raises(WhitelistError, match=r"whitelist\.txt:2:"):
        load_whitelist(path)


def test_load_whitelist_reads_gbk_as_saved_by_wps(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("gov.cn\n例子.中国\n".encode("gbk"))
    assert len(load_whitelist(path).entries) == 2


def test_load_whitelist_rejects_undecodable_bytes(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"gov.cn\n\x80\x80\xff\xfe\n")
    with pytest.raises(WhitelistError) as caught:
        load_whitelist(path)
    assert "UTF-8" in caught.value.errors[0][1]


def test_load_whitelist_missing_file_raises_oserror(tmp_path):
    with pytest.raises(OSError, match="文件不存在"):
        load_whitelist(tmp_path / "missing.txt")


def test_content_hash_depends_on_entries_only():
    first = parse_whitelist("gov.cn\n=mp.weixin.qq.com\n")
    reordered = parse_whitelist("# comment\n=MP.weixin.qq.com.\n\ngov.cn # again\ngov.cn\n")
    changed = parse_whitelist("gov.cn\nmp.weixin.qq.com\n")
    assert first.content_hash == reordered.content_hash
    assert first.content_hash != changed.content_hash
    expected = hashlib.sha256(b"=mp.weixin.qq.com\ngov.cn").hexdigest()
    assert first.content_hash == expected


def test_empty_whitelist_trusts_nothing():
    empty = parse_whitelist("# nothing yet\n")
    assert empty.entries == ()
    assert empty.match("www.gov.cn") is None


@pytest.mark.parametrize(
    ("host", "path", "expected"),
    [
        ("gov.cn", "/", "gov.cn"),
        ("www.gov.cn", "/", "gov.cn"),
        ("a.b.hangzhou.gov.cn", "/x", "gov.cn"),
        ("WWW.GOV.CN.", "/", "gov.cn"),
        ("evilgov.cn", "/", None),
        ("gov.cn.evil.com", "/", None),
        ("mp.weixin.qq.com", "/s", "=mp.weixin.qq.com"),
        ("weixin.qq.com", "/", None),
        ("x.mp.weixin.qq.com", "/", None),
        ("example.com", "/path/", "example.com/path/"),
        ("a.example.com", "/path/x", "example.com/path/"),
        ("example.com", "/path", None),
        ("example.com", "/pathology", None),
        ("example.com", "/", None),
        ("docs.example.net", "/guide", "docs.example.net/guide"),
        ("docs.example.net", "/guide/", "docs.example.net/guide"),
        ("docs.example.net", "/guidebook", None),
    ],
)
def test_match(host, path, expected):
    wl = parse_whitelist("gov.cn\n=mp.weixin.qq.com\nexample.com/path/\ndocs.example.net/guide\n")
    found = wl.match(host, path)
    assert (str(found) if found else None) == expected


def test_exact_entry_wins_over_a_covering_domain_entry():
    wl = parse_whitelist("qq.com\n=mp.weixin.qq.com\n")
    assert wl.match("mp.weixin.qq.com") == WhitelistEntry("mp.weixin.qq.com", exact=True)
    assert wl.match("weixin.qq.com") == WhitelistEntry("qq.com")


def test_whitelist_can_be_built_from_entries():
    wl = Whitelist([WhitelistEntry("gov.cn"), WhitelistEntry("gov.cn")], source="code")
    assert wl.entries == (WhitelistEntry("gov.cn"),)
    assert wl.content_hash == parse_whitelist("gov.cn").content_hash
    assert "1 entries from code" in repr(wl)


def test_path_prefix_escapes_match_either_spelling():
    wl = parse_whitelist("example.com/%e6%94%bf%e7%ad%96/")
    assert wl.match("example.com", "/%E6%94%BF%E7%AD%96/a.html") is not None
    assert parse_whitelist("example.com/政策/").entries == wl.entries


@pytest.mark.parametrize(
    ("entry", "host", "path", "matches"),
    [
        (WhitelistEntry("gov.cn"), "gov.cn", "/", True),
        (WhitelistEntry("gov.cn"), "www.gov.cn", "/", True),
        (WhitelistEntry("gov.cn"), "evilgov.cn", "/", False),
        (WhitelistEntry("gov.cn"), "gov.cn.evil.com", "/", False),
        (WhitelistEntry("a.cn", exact=True), "a.cn", "/", True),
        (WhitelistEntry("a.cn", exact=True), "b.a.cn", "/", False),
        (WhitelistEntry("a.cn", path="/p/"), "a.cn", "/p/x", True),
        (WhitelistEntry("a.cn", path="/p/"), "a.cn", "/p", False),
        (WhitelistEntry("a.cn", path="/p"), "a.cn", "/p", True),
        (WhitelistEntry("a.cn", path="/p"), "a.cn", "/px", False),
    ],
)
def test_entry_matches(entry, host, path, matches):
    assert entry.matches(host, path) is matches


@pytest.mark.parametrize("suffix", ["com.cn", "co.uk", "github.io", "*.com.cn", "net.cn/docs/"])
def test_a_public_suffix_alone_is_accepted_with_a_warning(suffix):
    loaded = parse_whitelist(f"gov.cn\nexample.org\n{suffix}\n", source="desk.txt")
    (warning,) = loaded.warnings
    host = suffix.removeprefix("*.").partition("/")[0]
    assert warning.startswith(f"desk.txt:3: {host} 是公共后缀") and f"example.{host}" in warning
    assert len(loaded.entries) == 3


@pytest.mark.parametrize(
    "line", ["gov.cn", "www.gov.cn", "example.com.cn", "=com.cn", "x.github.io"]
)
def test_vetted_and_registered_names_give_no_warning(line):
    assert parse_whitelist(line).warnings == ()


def test_the_shipped_whitelist_gives_no_warning():
    from desk.links import load_default_whitelist

    assert load_default_whitelist().warnings == ()


def test_desk_check_prints_the_warning(tmp_path, capsys):
    from desk.cli import main

    whitelist = tmp_path / "whitelist.txt"
    whitelist.write_text("gov.cn\ngithub.io\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("正文", encoding="utf-8")
    assert main(["check", "--whitelist", str(whitelist), str(draft)]) == 0
    assert f"desk check: 提示: {whitelist}:2: github.io 是公共后缀" in capsys.readouterr().err


def test_a_bad_line_is_quoted_short_and_a_huge_one_not_at_all():
    text = "gov.cn\nhttp://" + "x" * 1500 + ".com\n" + "y" * 1_000_000 + "\n"
    with pytest.raises(WhitelistError) as caught:
        parse_whitelist(text, source="desk.txt")
    assert [line for line, _ in caught.value.errors] == [2, 3]
    assert "…（共 1511 个字符）" in caught.value.errors[0][1]
    assert caught.value.errors[1][1] == "该行超过 2000 个字符，不像是正常内容，请检查文件"
    assert len(str(caught.value)) < 400


def test_a_whitelist_file_must_be_a_small_regular_file(tmp_path):
    from desk.links.whitelist import MAX_FILE_BYTES

    big = tmp_path / "big.txt"
    with open(big, "wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(OSError, match="文件过大"):
        load_whitelist(big)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")
        with pytest.raises(OSError, match="不是普通文件"):
            load_whitelist(tmp_path / "pipe.txt")
