"""`desk render` from the command line: files written, summary, exit codes, messages."""

import hashlib
import os
import stat
import subprocess
import sys

import pytest

from desk.cli import main
from desk.render import content_hash, page_body
from tests.render.inert import assert_inert, png_bytes

PNG = png_bytes()
PNG_NAME = hashlib.sha256(PNG).hexdigest() + ".png"
DRAFT = (
    '<p>详见<a href="https://www.gov.cn/zhengce/">中国政府网</a>和<a href="http://evil.com/">外站</a>。</p>'
    '<p><img src="pic.png"><img src="http://evil.com/x.png" alt="外图"></p>'
    '<div style="display:none"><a href="http://casino.com/">博彩</a></div>'
)


@pytest.fixture
def draft(tmp_path):
    (tmp_path / "pic.png").write_bytes(PNG)
    path = tmp_path / "draft.html"
    path.write_text(DRAFT, encoding="utf-8")
    return path


@pytest.fixture
def whitelist_file(tmp_path):
    path = tmp_path / "whitelist.txt"
    path.write_text("# 白名单\ngov.cn\n", encoding="utf-8")
    return path


def render(capsys, *args):
    code = main(["render", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_good_render_writes_page_and_assets(tmp_path, capsys, draft, whitelist_file):
    out = tmp_path / "site" / "article.html"
    out.parent.mkdir()
    code, stdout, stderr = render(
        capsys, draft, "-o", out, "--whitelist", whitelist_file, "--title", "关于通知"
    )
    assert (code, stderr) == (1, "")  # written for preview, but the draft has a 暗链
    assert "有 1 处屏蔽项，不得发布" in stdout and "隐藏链接（暗链）" in stdout
    page = out.read_text(encoding="utf-8")
    assert (tmp_path / "site" / "assets" / PNG_NAME).read_bytes() == PNG
    digest = content_hash("关于通知", page_body(page))
    assert f'<meta name="desk-content-sha256" content="{digest}">' in page
    assert f'<img src="assets/{PNG_NAME}">' in page
    assert '<a href="https://www.gov.cn/zhengce/">中国政府网</a>和外站' in page
    assert "[已移除外部图片：外图]" in page and "博彩" not in page and "evil.com" not in page
    assert "已移除：http://evil.com/x.png" in stdout  # the address is for the desk
    assert_inert(page, styles=1, asset_prefix="assets/")
    assert f"已生成 {out}" in stdout
    assert f"内容 SHA-256：{digest}" in stdout
    assert "链接：保留 1，去掉链接 1，移除暗链/空链接 1" in stdout
    assert "图片：保留 0，本地化 1（assets/ 共 1 个文件），移除 1，缺少替代文本 1" in stdout
    assert sorted(os.listdir(out.parent)) == ["article.html", "assets"]  # no temp files


def test_rendering_twice_gives_identical_bytes(tmp_path, capsys, draft, whitelist_file):
    first, second = tmp_path / "a.html", tmp_path / "b" / "a.html"
    second.parent.mkdir()
    assert render(capsys, draft, "-o", first, "--whitelist", whitelist_file)[0] == 1
    assert render(capsys, draft, "-o", second, "--whitelist", whitelist_file)[0] == 1
    assert first.read_bytes() == second.read_bytes()
    assert render(capsys, draft, "-o", first, "--whitelist", whitelist_file)[0] == 1  # overwrite
    assert first.read_bytes() == second.read_bytes()


def test_without_whitelist_the_shipped_default_applies(tmp_path, capsys, draft):
    out = tmp_path / "o.html"
    code, stdout, _ = render(capsys, draft, "-o", out, "--template", "mobile")
    assert code == 1
    page = out.read_text(encoding="utf-8")
    assert '<a href="https://www.gov.cn/zhengce/">' in page and "max-width: 420px" in page
    assert "链接：保留 1，去掉链接 1" in stdout and "提示：未指定标题" in stdout


def test_clean_draft_exits_0(tmp_path, capsys):
    draft = tmp_path / "clean.html"
    draft.write_text('<p>详见<a href="https://www.gov.cn/">中国政府网</a>。</p>', encoding="utf-8")
    out = tmp_path / "o.html"
    code, stdout, stderr = render(capsys, draft, "-o", out, "--title", "通知")
    assert (code, stderr) == (0, "") and "屏蔽项" not in stdout and out.exists()


@pytest.mark.parametrize(
    ("markup", "title"),
    [
        ('<p>见图<img src="https://www.gov.cn/a.png" alt="百家乐"></p>', "通知"),
        ('<p>见图<img src="http://evil.com/a.png" alt="百家乐"></p>', "通知"),
        ('<p>百家<span style="display:none">的</span>乐</p>', "通知"),
        ("<table><caption>百家乐</caption><tr><td>一</td></tr></table>", "通知"),
        ("<svg onload=alert(1)><p>百家乐</p>", "通知"),
        ("<p>通知</p>", "关于百家\n乐的通知"),
    ],
)
def test_a_block_term_anywhere_the_page_shows_it_exits_1(tmp_path, capsys, markup, title):
    draft = tmp_path / "draft.html"
    draft.write_text(markup, encoding="utf-8")
    lexicon = tmp_path / "block.csv"
    lexicon.write_text("term,category,severity\n百家乐,涉赌,block\n", encoding="utf-8")
    out = tmp_path / "o.html"
    args = ["--no-default-lexicon", "--lexicon", lexicon, "--title", title]
    code, stdout, stderr = render(capsys, draft, "-o", out, *args)
    assert (code, stderr) == (1, "") and "「百家乐」属于涉赌词条" in stdout
    assert "百家" in out.read_text(encoding="utf-8")  # written for preview only


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.html", None, "文件不存在"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "暂不能直接导入 .doc"),
        ("bad.txt", b"\xff\xfe\xfd\x00\x81", "无法"),
        ("folder.html", "dir", "文件夹"),
    ],
)
def test_unreadable_input_exits_2_with_a_message(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    code, stdout, stderr = render(capsys, path, "-o", tmp_path / "o.html")
    assert code == 2 and stdout == ""
    assert stderr.startswith(f"desk render: {path}") and message in stderr
    assert not (tmp_path / "o.html").exists()


def test_bad_whitelist_exits_2_naming_every_bad_line(tmp_path, capsys, draft):
    bad = tmp_path / "wl.txt"
    bad.write_text("gov.cn\nhttps://www.example.com\n\n192.168.1.1\n", encoding="utf-8")
    code, _, stderr = render(capsys, draft, "-o", tmp_path / "o.html", "--whitelist", bad)
    assert code == 2
    assert f"{bad}:2:" in stderr and f"{bad}:4:" in stderr
    assert "Traceback" not in stderr and not (tmp_path / "o.html").exists()


def test_missing_whitelist_exits_2(tmp_path, capsys, draft):
    code, _, stderr = render(
        capsys, draft, "-o", tmp_path / "o.html", "--whitelist", tmp_path / "no.txt"
    )
    assert code == 2 and "无法读取白名单" in stderr


@pytest.mark.parametrize(
    "case", ["no-folder", "is-folder", "assets-is-file", "same-as-draft", "file-as-folder"]
)
def test_unwritable_output_exits_2(tmp_path, capsys, draft, case):
    out = {
        "no-folder": tmp_path / "nowhere" / "o.html",
        "is-folder": tmp_path,
        "assets-is-file": tmp_path / "o.html",
        "same-as-draft": draft,
        "file-as-folder": draft / "o.html",
    }[case]
    if case == "assets-is-file":
        (tmp_path / "assets").write_text("x", encoding="utf-8")
    code, stdout, stderr = render(capsys, draft, "-o", out)
    assert code == 2 and stdout == ""
    assert stderr.startswith("desk render: ") and "Traceback" not in stderr
    assert draft.read_text(encoding="utf-8") == DRAFT


def _special_output(tmp_path, kind):
    """Something at the output path that is not a regular file, and how to tell it is
    still as it was."""
    out = tmp_path / "site" / "o.html"
    out.parent.mkdir()
    if kind == "symlink":
        target = tmp_path / "elsewhere.html"
        target.write_text("别处的页面", encoding="utf-8")
        out.symlink_to(target)
        return out, lambda: out.is_symlink() and target.read_text(encoding="utf-8") == "别处的页面"
    if kind == "fifo":
        os.mkfifo(out)
        return out, lambda: stat.S_ISFIFO(out.lstat().st_mode)
    os.mknod(out, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # what /dev/full is
    return out, lambda: stat.S_ISCHR(out.lstat().st_mode)


@pytest.mark.parametrize(
    "kind",
    [
        "symlink",
        pytest.param("fifo", marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX")),
        pytest.param(
            "device",
            marks=pytest.mark.skipif(
                not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mknod needs root"
            ),
        ),
    ],
)
def test_an_output_that_is_no_regular_file_is_refused_and_left_alone(tmp_path, capsys, draft, kind):
    out, unchanged = _special_output(tmp_path, kind)
    code, stdout, stderr = render(capsys, draft, "-o", out)
    assert code == 2 and stdout == "" and "不是普通文件" in stderr
    assert unchanged()
    assert not (out.parent / "assets").exists()


def test_a_symlinked_assets_folder_is_refused(tmp_path, capsys, draft):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    (site / "assets").symlink_to(elsewhere)
    code, _, stderr = render(capsys, draft, "-o", site / "o.html")
    assert code == 2 and "assets" in stderr and list(elsewhere.iterdir()) == []


def test_writing_never_replaces_a_link_or_a_device(tmp_path):
    from desk.atomic import NotARegularFile, write_bytes_atomically

    target = tmp_path / "target.txt"
    target.write_text("原文", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    with pytest.raises(NotARegularFile):
        write_bytes_atomically(link, b"new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "原文"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "target.txt"]


def test_a_write_failure_is_reported_and_leaves_no_partial_file(
    tmp_path, capsys, draft, monkeypatch
):
    import desk.atomic as atomic_module

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_module.os, "replace", failing_replace)
    code, _, stderr = render(capsys, draft, "-o", tmp_path / "o.html")
    assert code == 2 and "无法写入（No space left on device）" in stderr
    assert not (tmp_path / "o.html").exists()
    assert [p for p in tmp_path.rglob("*.tmp")] == []


def test_missing_output_option_is_a_usage_error(tmp_path, capsys, draft):
    with pytest.raises(SystemExit) as exit_info:
        main(["render", str(draft)])
    assert exit_info.value.code == 2
    assert "-o" in capsys.readouterr().err


def test_gbk_txt_draft_from_the_command_line(tmp_path, capsys):
    draft = tmp_path / "通知.txt"
    draft.write_bytes("关于做好政务公开工作的通知\n\n各单位：请认真执行。\n".encode("gbk"))
    out = tmp_path / "通知.html"
    code, _, _ = render(capsys, draft, "-o", out, "--template", "bare")
    assert code == 0
    assert "<p>关于做好政务公开工作的通知</p>\n<p>各单位：请认真执行。</p>" in out.read_text(
        encoding="utf-8"
    )


def test_the_installed_entry_point_runs(tmp_path, draft):
    out = tmp_path / "o.html"
    completed = subprocess.run(
        [sys.executable, "-m", "desk", "render", str(draft), "-o", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert completed.returncode == 1, completed.stderr  # the draft holds a 暗链
    assert out.exists() and "内容 SHA-256：" in completed.stdout
