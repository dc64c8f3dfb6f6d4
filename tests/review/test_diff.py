"""Revision diff: paragraph alignment, character spans, the HTML, the revisions query."""

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from desk.review.commands import CreateDraft, SaveRevision, apply, new_id
from desk.review.diff import (
    DELETE,
    EQUAL,
    INSERT,
    REPLACE,
    DiffLine,
    changes_html,
    diff_html,
    diff_revisions,
    revision_texts,
)
from desk.review.drafts import DraftNotFound
from desk.store import open_store


def changed(text: str, spans) -> list[str]:
    return [text[start:end] for start, end in spans]


def check_invariants(old: str, new: str, rows: list[DiffLine]) -> None:
    """Every paragraph of each side appears once, in order; spans lie inside their text."""
    assert [row.left for row in rows if row.left is not None] == old.splitlines()
    assert [row.right for row in rows if row.right is not None] == new.splitlines()
    for row in rows:
        for text, spans in ((row.left, row.left_spans), (row.right, row.right_spans)):
            at = 0
            for start, end in spans:
                assert text is not None and at <= start < end <= len(text)
                at = end


def test_identical_texts_are_all_equal():
    text = "第一段。\n第二段。\n\n第四段。"
    rows = diff_revisions(text, text)
    assert [row.kind for row in rows] == [EQUAL] * 4
    assert [(row.left_number, row.right_number) for row in rows] == [(1, 1), (2, 2), (3, 3), (4, 4)]
    assert all(row.left_spans == row.right_spans == () for row in rows)


def test_empty_texts():
    assert diff_revisions("", "") == []
    assert diff_revisions("", "新增段落") == [
        DiffLine(INSERT, None, "新增段落", None, 1, (), ((0, 4),))
    ]
    assert diff_revisions("删去段落", "") == [
        DiffLine(DELETE, "删去段落", None, 1, None, ((0, 4),), ())
    ]


def test_character_spans_in_cjk():
    [row] = diff_revisions("关于开展检查的通知", "关于开展专项检查的通知")
    assert row.kind == REPLACE
    assert row.left_spans == ()
    assert changed(row.right, row.right_spans) == ["专项"]

    [row] = diff_revisions("国家工商行政管理总局负责", "国家市场监督管理总局负责")
    assert changed(row.left, row.left_spans) == ["工商行政"]
    assert changed(row.right, row.right_spans) == ["市场监督"]

    [row] = diff_revisions("删除多余的字样", "删除的字样")
    assert changed(row.left, row.left_spans) == ["多余"]
    assert row.right_spans == ()


def test_one_common_character_between_edits_is_not_a_match():
    [row] = diff_revisions("今天天气很好", "明日气候不错")
    assert row.left_spans == row.right_spans == ((0, 6),)


def test_separate_edits_stay_separate():
    [row] = diff_revisions("2025年3月1日", "2026年4月1日")
    assert changed(row.left, row.left_spans) == ["5", "3"]
    assert changed(row.right, row.right_spans) == ["6", "4"]


def test_offsets_count_code_points_for_emoji_and_astral_characters():
    old, new = "发展😀经济𠀋", "发展🎉经济𠀋再"
    [row] = diff_revisions(old, new)
    assert row.left_spans == ((2, 3),)
    assert row.right_spans == ((2, 3), (6, 7))
    assert changed(new, row.right_spans) == ["🎉", "再"]


def test_paragraph_insert_delete_and_edit():
    old = "标题行\n要删除的一段文字\n各单位要按时报送材料\n结尾"
    new = "标题行\n各单位要按时报送书面材料\n新增的一段说明文字\n结尾"
    rows = diff_revisions(old, new)
    check_invariants(old, new, rows)
    assert [(row.kind, row.left_number, row.right_number) for row in rows] == [
        (EQUAL, 1, 1),
        (DELETE, 2, None),
        (REPLACE, 3, 2),
        (INSERT, None, 3),
        (EQUAL, 4, 4),
    ]
    assert changed(rows[2].right, rows[2].right_spans) == ["书面"]
    assert rows[1].left_spans == ((0, 8),)
    assert rows[3].right_spans == ((0, 9),)


def test_dissimilar_paragraphs_pair_in_order():
    old = "甲乙丙丁\n戊己庚辛"
    new = "天地玄黄\n宇宙洪荒\n日月盈昃"
    rows = diff_revisions(old, new)
    check_invariants(old, new, rows)
    assert [row.kind for row in rows] == [REPLACE, REPLACE, INSERT]


def test_large_draft_with_a_few_edits():
    paragraphs = [
        f"第{n}条　为规范政务信息发布工作，根据有关规定，结合本单位实际，制定本办法第{n}款。" * 3
        for n in range(1, 801)
    ]
    old = "\n".join(paragraphs)
    assert len(old) > 100_000
    edited = list(paragraphs)
    edited[10] = edited[10].replace("政务信息", "政务公开信息", 1)
    del edited[400]
    edited.insert(600, "新增：各单位应于每季度末报送发布情况。")
    new = "\n".join(edited)
    rows = diff_revisions(old, new)
    check_invariants(old, new, rows)
    changes = [row for row in rows if row.kind != EQUAL]
    assert [(row.kind, row.left_number, row.right_number) for row in changes] == [
        (REPLACE, 11, 11),
        (DELETE, 401, None),
        (INSERT, None, 601),
    ]
    assert changed(changes[0].right, changes[0].right_spans) == ["公开"]


def test_a_huge_changed_paragraph_is_marked_whole():
    old, new = "甲乙" * 2500, "乙甲" * 2500  # compared, only the ends would differ
    [row] = diff_revisions("开头" + old + "结尾", "开头" + new + "结尾")
    assert row.left_spans == ((2, 5002),)
    assert row.right_spans == ((2, 5002),)


def test_html_escapes_hostile_text():
    page = diff_html(
        '<script>alert("t")</script>',
        "正文<img src=x onerror=alert(1)>",
        "标题&",
        "正文<script>alert(2)</script>",
    )
    assert "<script" not in page
    assert "<img" not in page
    assert "&lt;script&gt;" in page
    assert "&amp;" in page


def test_html_marks_changes_and_folds_unchanged_runs():
    lines = [f"第{n}段内容保持不变。" for n in range(1, 21)]
    old = "\n".join(lines)
    lines[9] = "第10段内容已经修改。"
    page = diff_html(
        "标题", old, "标题", "\n".join(lines), old_label="第 1 版", new_label="第 2 版"
    )
    assert '<span class="del">保持不变</span>' in page
    assert '<span class="ins">已经修改</span>' in page
    assert page.count("… 未改动 7 段 …") == 1  # 1–7 folded, 8–9 shown
    assert page.count("… 未改动 8 段 …") == 1  # 11–12 shown, 13–20 folded
    assert "第 1 版" in page and "第 2 版" in page
    assert "修改 1 段，新增 0 段，删除 0 段" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)


def test_html_of_identical_texts():
    text = "\n".join(f"第{n}段" for n in range(1, 6))
    page = diff_html("标题", text, "标题", text)
    assert "正文无改动" in page
    assert "… 未改动 5 段 …" in page
    assert 'class="del"' not in page and 'class="ins"' not in page


def test_html_shows_a_title_change():
    page = diff_html("关于检查的通知", "", "关于专项检查的通知", "")
    assert '<span class="ins">专项</span>' in page
    assert "标题有改动" in page


class Clock:
    def __init__(self):
        self.now = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)

    def __call__(self):
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "desk.db", clock=Clock()) as opened:
        yield opened


def test_revision_texts_lists_every_revision_with_its_text(store):
    draft_id = new_id()
    apply(store, CreateDraft(new_id(), "li", draft_id, "标题", "<p>第一版</p>", "第一版"))
    apply(store, SaveRevision(new_id(), "li", draft_id, "新标题", "<p>第二版</p>", "第二版"))
    texts = revision_texts(store, draft_id)
    assert [(t.number, t.title, t.body_text, t.author, t.stage) for t in texts] == [
        (1, "标题", "第一版", "li", "draft"),
        (2, "新标题", "第二版", "li", "draft"),
    ]
    assert texts[0].author_name == "li"  # no account with that login
    assert texts[0].created_at < texts[1].created_at
    assert texts[0].content_hash != texts[1].content_hash


def test_revision_texts_of_an_unknown_draft(store):
    with pytest.raises(DraftNotFound):
        revision_texts(store, uuid.uuid4())


def test_changes_html_lists_only_changed_paragraphs_clipped_around_the_change():
    long = "深化重点领域信息公开，推进政府信息公开标准化规范化建设。" * 4
    old = f"一、总体要求。\n{long}\n三、工作安排。"
    new = f"一、总体要求。\n{long[:60]}推动政务公开向基层延伸，{long[60:]}\n三、工作安排。\n四、新增。"
    page = changes_html("通知", old, "通知（修订）", new)
    assert "总体要求" not in page and "工作安排" not in page  # unchanged paragraphs left out
    assert '<span class="ins">推动政务公开向基层延伸，</span>' in page
    assert '<span class="ins">（修订）</span>' in page and "标题" in page
    assert '<span class="ins">四、新增。</span>' in page and "第 4 段" in page
    changed = re.search(r"＋(.*?)</p>", page.split("第 2 段")[1]).group(1)
    assert changed.startswith("…") and changed.endswith("…")  # cut to the change
    assert len(re.sub(r"<[^>]+>", "", changed)) < len(long)


def test_changes_html_marks_a_pure_deletion_where_it_happened_and_escapes_markup():
    old = "甲" * 60 + "<删去>" + "乙" * 60
    new = "甲" * 60 + "乙" * 60
    page = changes_html("t", old, "t", new)
    assert '<span class="del">&lt;删去&gt;</span>' in page
    plus = page.split("＋")[1]
    assert plus.startswith("…" + "甲" * 20)  # the kept side is cut at the same place
    assert changes_html("t", old, "t", old) == '<p class="summary">正文无改动</p>'


def test_changes_html_says_how_many_more_beyond_the_limit():
    old = "\n".join(f"第{i}段原文" for i in range(30))
    new = "\n".join(f"第{i}段新文" for i in range(30))
    page = changes_html("t", old, "t", new, limit=5)
    assert page.count("＋") == 5 and "另有 25 处改动" in page
