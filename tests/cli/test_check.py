"""`desk check` and `desk lexicon` from the command line: output shapes and exit codes."""

import json
import subprocess
import sys

import pytest

from desk.cli import main
from tests.conftest import SEED_PATHS, docx_paragraph

SPAM_LEXICON = "term,category,severity,match,scope,suggestion,note\n百家乐,涉赌,block,,,,test\n网传,标题规范,warn,,title,据报道,test\n"


@pytest.fixture
def lexicon(tmp_path):
    path = tmp_path / "spam.csv"
    path.write_text(SPAM_LEXICON, encoding="utf-8")
    return path


def run_json(capsys, *args):
    code = main(["check", "--format", "json", *map(str, args)])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


def test_json_shape_and_block_exit(tmp_path, capsys, lexicon):
    draft = tmp_path / "a.txt"
    draft.write_text("第一行\n欢迎来到百 家 樂娱乐城", encoding="utf-8")
    code, report, _ = run_json(capsys, "--no-default-lexicon", "--lexicon", lexicon, draft)
    assert code == 1
    (file,) = report["files"]
    assert file["path"] == str(draft) and file["error"] is None and file["blocking"] is True
    assert file["links"] == []  # no link in this draft
    (finding,) = [f for f in file["findings"] if f["kind"] == "term"]
    assert finding == {
        "kind": "term",
        "rule": "lexicon.term",
        "field": "body",
        "start": 8,
        "end": 13,
        "text": "百 家 樂",
        "severity": "block",
        "category": "涉赌",
        "message": finding["message"],
        "suggestion": None,
        "term": "百家乐",
        "explanation": ["繁→简", "忽略空格"],
        "note": "test",
        "origin": "text",
        "origin_text": None,
    }
    assert draft.read_text(encoding="utf-8")[8:13] == "百 家 樂"
    assert (
        len(report["lexicon"]["hash"]) == 64 and file["lexicon_hash"] == report["lexicon"]["hash"]
    )


def test_title_rules_apply_only_to_the_title(tmp_path, capsys, lexicon):
    draft = tmp_path / "a.txt"
    draft.write_text("正文引用“网传”一词。", encoding="utf-8")
    code, report, _ = run_json(
        capsys, "--no-default-lexicon", "--lexicon", lexicon, "--title", "网传某地发生大事", draft
    )
    assert code == 0
    findings = report["files"][0]["findings"]
    headline = [f for f in findings if f["kind"] == "headline"]
    assert [(f["field"], f["start"], f["end"], f["suggestion"]) for f in headline] == [
        ("title", 0, 2, "据报道")
    ]
    assert not [f for f in findings if f["field"] == "body" and f["term"] == "网传"]


def test_html_and_docx_offsets_are_into_visible_text(tmp_path, capsys, lexicon, make_docx):
    html = tmp_path / "a.html"
    html.write_text("<p>你好</p><p>百<b>家</b>乐</p>", encoding="utf-8")
    docx = make_docx(docx_paragraph("你好") + docx_paragraph("百", "家", "乐", bold=(1,)))
    code, report, _ = run_json(capsys, "--no-default-lexicon", "--lexicon", lexicon, html, docx)
    assert code == 1
    for file in report["files"]:
        (finding,) = [f for f in file["findings"] if f["kind"] == "term"]
        assert (finding["start"], finding["end"], finding["text"]) == (3, 6, "百家乐")


def test_unreadable_file_exits_2_and_others_are_still_checked(tmp_path, capsys, lexicon):
    good = tmp_path / "good.txt"
    good.write_text("百家乐", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x80\x80\xff\xfe")
    code, report, err = run_json(
        capsys, "--no-default-lexicon", "--lexicon", lexicon, bad, tmp_path / "missing.txt", good
    )
    assert code == 2
    assert [f["error"] is None for f in report["files"]] == [False, False, True]
    assert report["files"][2]["blocking"] is True
    assert "bad.txt" in err and "missing.txt" in err and "Traceback" not in err


def test_bad_lexicon_exits_2_with_line_numbers(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("term,severity\n好,warn\n坏,sometimes\n", encoding="utf-8")
    draft = tmp_path / "a.txt"
    draft.write_text("x", encoding="utf-8")
    assert main(["check", "--lexicon", str(bad), str(draft)]) == 2
    assert "bad.csv:3" in capsys.readouterr().err


def test_text_format_groups_by_severity_with_line_and_column(tmp_path, capsys, lexicon):
    draft = tmp_path / "a.txt"
    draft.write_text("第一行\n这里有百家乐的广告", encoding="utf-8")
    code = main(["check", "--no-default-lexicon", "--lexicon", str(lexicon), str(draft)])
    out = capsys.readouterr().out
    assert code == 1
    assert "屏蔽 block" in out and "2:4" in out and "【百家乐】" in out and "\033[" not in out


def test_an_alt_text_finding_is_reported_at_its_image_naming_the_alt(tmp_path, capsys, lexicon):
    draft = tmp_path / "a.html"
    draft.write_text('<p>会场<img src="a.png" alt="百家乐 广告">照片</p>', encoding="utf-8")
    code = main(["check", "--no-default-lexicon", "--lexicon", str(lexicon), str(draft)])
    out = capsys.readouterr().out
    assert code == 1
    assert "1:3" in out and "图片替代文字「百家乐 广告」：「百家乐」属于涉赌词条" in out
    assert "…会场【图片替代文字：百家乐】照片…" in out


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["check", "--format", "xml", "a.txt"])
    assert caught.value.code == 2


def test_clean_file_exits_0_with_starter_lexicon(tmp_path, capsys):
    draft = tmp_path / "a.txt"
    draft.write_text("区政府召开政务公开工作会议，部署年度重点任务。", encoding="utf-8")
    assert main(["check", str(draft)]) == 0


def test_seeds_have_no_block_finding_with_the_starter_lexicon(capsys):
    seeds = SEED_PATHS
    code, report, _ = run_json(capsys, *seeds)
    blocks = [
        (file["path"], f["rule"], f["text"])
        for file in report["files"]
        for f in file["findings"]
        if f["severity"] == "block"
    ]
    assert blocks == []
    assert code == 0


def test_console_script_exit_codes(tmp_path, lexicon):
    draft = tmp_path / "a.txt"
    draft.write_text("百家乐", encoding="utf-8")
    args = [
        sys.executable,
        "-m",
        "desk",
        "check",
        "--no-default-lexicon",
        "--lexicon",
        str(lexicon),
    ]
    blocked = subprocess.run([*args, str(draft)], capture_output=True, text=True)
    assert blocked.returncode == 1 and "百家乐" in blocked.stdout
    missing = subprocess.run([*args, str(tmp_path / "none.txt")], capture_output=True, text=True)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_lexicon_convert_txt_to_xlsx_and_back_to_csv(tmp_path, capsys):
    txt = tmp_path / "spam.txt"
    txt.write_text("百家乐\n六合彩\n百家樂\n", encoding="utf-8")
    xlsx = tmp_path / "spam.xlsx"
    assert (
        main(
            [
                "lexicon",
                "convert",
                str(txt),
                "--category",
                "涉赌",
                "--severity",
                "block",
                "-o",
                str(xlsx),
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    assert "已导出 2 个词条" in captured.out and "重复" in captured.err
    csv_path = tmp_path / "spam.csv"
    assert main(["lexicon", "convert", str(xlsx), "-o", str(csv_path)]) == 0
    text = csv_path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "term,category,severity,match,scope,suggestion,note"
    assert "百家乐,涉赌,block" in text


def test_lexicon_convert_refuses_a_bad_file_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("term,severity\n好,warn\n坏,x\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["lexicon", "convert", str(bad), "-o", str(out)]) == 2
    assert not out.exists()


def test_lexicon_info_prints_hash(capsys):
    assert main(["lexicon", "info"]) == 0
    assert "哈希" in capsys.readouterr().out


def test_links_in_json_with_a_whitelist(tmp_path, capsys):
    whitelist = tmp_path / "whitelist.txt"
    whitelist.write_text("# 本单位白名单\nexample.org\n", encoding="utf-8")
    draft = tmp_path / "a.html"
    draft.write_text(
        '<p>见<a href="https://www.example.org/a">通知</a>和<a href="https://www.gov.cn/">政府网</a></p>'
        '<div style="font-size:0"><a href="http://bet.example/">链接</a></div>',
        encoding="utf-8",
    )
    code, report, _ = run_json(capsys, "--whitelist", whitelist, draft)
    assert code == 1
    links = report["files"][0]["links"]
    assert [(link["url"], link["verdict"], link["hidden"]) for link in links] == [
        ("https://www.example.org/a", "trusted", False),
        ("https://www.gov.cn/", "untrusted", False),
        ("http://bet.example/", "untrusted", True),
    ]
    assert links[0] == {
        "url": "https://www.example.org/a",
        "field": "body",
        "start": 1,
        "end": 3,
        "verdict": "trusted",
        "hidden": False,
        "reasons": ["whitelisted"],
        "host": "www.example.org",
    }
    rules = [f["rule"] for f in report["files"][0]["findings"] if f["kind"] == "link"]
    assert rules == ["link.untrusted", "link.hidden"]
    assert report["whitelist"]["hash"] == report["files"][0]["whitelist_hash"]


def test_bad_whitelist_exits_2_naming_the_line(tmp_path, capsys):
    whitelist = tmp_path / "whitelist.txt"
    whitelist.write_text("gov.cn\nhttps://bad.example/\n", encoding="utf-8")
    draft = tmp_path / "a.txt"
    draft.write_text("正文", encoding="utf-8")
    assert main(["check", "--whitelist", str(whitelist), str(draft)]) == 2
    assert "whitelist.txt:2" in capsys.readouterr().err
    assert main(["check", "--whitelist", str(tmp_path / "none.txt"), str(draft)]) == 2
    assert "无法读取白名单" in capsys.readouterr().err


def test_text_report_colours_spans_on_a_terminal(tmp_path, monkeypatch):
    import io

    from desk.commands.check import check_file
    from desk.commands.report import TextReport, use_colour
    from desk.lexicon import Entry, Lexicon
    from desk.review.check import Checker

    draft = tmp_path / "a.txt"
    draft.write_text("一二三百家乐", encoding="utf-8")
    checker = Checker(Lexicon.from_entries([Entry("百家乐", severity="block")]))
    out = io.StringIO()
    TextReport(out, colour=True).write([check_file(checker, draft, None)])
    assert "\033[7m\033[1;31m百家乐\033[0m" in out.getvalue()

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_colour(Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Terminal())
    assert not use_colour(io.StringIO())


def test_a_huge_paste_is_checked_whole(tmp_path, capsys, seed_texts):
    draft = tmp_path / "huge.txt"
    text = "".join(seed_texts.values())
    draft.write_text(text * 16 + "\n结尾处的百 家 乐", encoding="utf-8")  # ~2 MB
    code, report, err = run_json(capsys, draft)
    assert err == ""
    (file,) = report["files"]
    assert file["error"] is None
    last = [f for f in file["findings"] if f["term"] == "百家乐"][-1]
    assert last["start"] == len(text) * 16 + 5 and last["text"] == "百 家 乐"
    assert code == 0  # 百家乐 is a warn term in the starter lexicon


def test_desk_check_does_not_load_the_store_or_qt(tmp_path):
    import subprocess
    import sys

    draft = tmp_path / "draft.txt"
    draft.write_text("关于开展专项检查的通知", encoding="utf-8")
    script = (
        "import sys\n"
        "from desk.cli import main\n"
        f"code = main(['check', {str(draft)!r}])\n"
        "heavy = [m for m in ('sqlalchemy', 'argon2', 'PySide6') if m in sys.modules]\n"
        "print('loaded:', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert "loaded: []" in done.stderr


def test_findings_are_capped_per_file_with_a_count_of_the_rest(tmp_path, capsys, lexicon):
    draft = tmp_path / "a.txt"
    draft.write_text("百家乐\n" * 30 + "身份证110101199003074514\n", encoding="utf-8")
    code, report, _ = run_json(capsys, "--lexicon", lexicon, "--max-findings", "5", draft)
    (file,) = report["files"]
    assert code == 1 and file["blocking"]
    assert len(file["findings"]) == 5 and file["omitted"] == {"block": 26}
    assert main(["check", "--lexicon", str(lexicon), "--max-findings", "5", str(draft)]) == 1
    text = capsys.readouterr().out
    assert "有屏蔽项，不能提交（屏蔽 31，提醒 0，提示 0）" in text
    assert "另有 26 处未列出（屏蔽 26）；用 --max-findings 调整上限" in text


def test_a_block_beyond_the_cap_still_exits_1(tmp_path, capsys, lexicon):
    draft = tmp_path / "a.txt"
    draft.write_text("（\n" * 20 + "百家乐\n", encoding="utf-8")  # warnings first, then a block
    code, report, _ = run_json(capsys, "--lexicon", lexicon, "--max-findings", "3", draft)
    (file,) = report["files"]
    assert code == 1 and file["blocking"]
    assert [f["severity"] for f in file["findings"]] == ["warn", "warn", "block"]


def test_max_findings_must_be_a_count(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--max-findings", "-1", "x.txt"])
    assert "不小于 0 的整数" in capsys.readouterr().err


MEASURE_CHILD = """
import contextlib, io, resource, sys
from desk.cli import main
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KB on Linux
with contextlib.redirect_stdout(io.StringIO()):
    main(["check", "--format", "json", sys.argv[1]])  # everything loaded once
before = peak()
with contextlib.redirect_stdout(open("/dev/null", "w")):
    code = main(["check", "--format", "json", sys.argv[2]])
print(code, peak() - before)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in KB")
def test_a_text_packed_with_findings_is_checked_in_bounded_memory(tmp_path):
    small = tmp_path / "small.txt"
    small.write_text("正文\n", encoding="utf-8")
    packed = tmp_path / "packed.txt"
    unit = "百家乐 13812345678 身份证110101199003074514 绝密 见 http://evil.example/x （\n"
    packed.write_text(unit * (2_000_000 // len(unit.encode())), encoding="utf-8")
    child = subprocess.run(
        [sys.executable, "-c", MEASURE_CHILD, str(small), str(packed)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    code, grown = map(int, child.stdout.split())
    assert code == 1, child.stderr
    assert grown < 10 * packed.stat().st_size, f"{grown / 1e6:.0f} MB for a 2 MB text"
