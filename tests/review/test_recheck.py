"""The domain re-runs the check at Submit and Approve when the store has a checker, so a
client that misreports its findings can't get a 屏蔽 term through (desk.review.recheck)."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from desk.lexicon import Entry, Lexicon
from desk.links import parse_whitelist
from desk.review.check import Checker
from desk.review.commands import (
    CommandRejected,
    CreateDraft,
    IgnoreFinding,
    SaveRevision,
    apply,
    new_id,
)
from desk.review.drafts import load_draft
from desk.review.recheck import (
    STALE_CHECK,
    TEXT_MISMATCH,
    CheckerUnavailable,
    StoredTextChecker,
    open_warnings,
)
from desk.review.workflow import check_snapshot
from desk.store.models import ReviewAction
from tests.flow import CLEAN

LEXICON = Lexicon.from_entries(
    [
        Entry("百家乐", "涉赌", "block"),
        Entry("网传", "不实信息", "warn"),
        Entry("请勿外传", "涉密", "info"),
    ]
)
WHITELIST = parse_whitelist("gov.cn\n")
CHECKER = StoredTextChecker(Checker(LEXICON, WHITELIST))
# What a client reports: the checker's lexicon and whitelist, and no findings at all.
REPORTS_NOTHING = check_snapshot(CHECKER.lexicon_hash, CHECKER.whitelist_hash, [])


@pytest.fixture
def checked(org):
    """The organisation's store with the domain's checker attached."""
    org.store.checker = CHECKER
    return org


def ack(start, end, text="网传", reason="引用原文，需保留"):
    key = {"rule": "lexicon.term", "field": "body", "start": start, "end": end}
    return {**key, "text": text, "reason": reason}


def submitted(org, text):
    draft = org.draft(text=text)
    org.attributes(draft)
    org.submit(draft, check=REPORTS_NOTHING)
    return draft


def recorded_checks(org, draft):
    """The check each review action of the draft recorded, oldest first."""
    with org.store.read() as session:
        rows = session.scalars(
            select(ReviewAction.check)
            .where(ReviewAction.draft_id == draft)
            .order_by(ReviewAction.created_at)
        )
        return list(rows)


# --- blocks ----------------------------------------------------------------------------


def test_a_block_term_the_client_did_not_report_is_refused(checked):
    draft = checked.draft(text="欢迎访问百家乐。")
    checked.attributes(draft)
    with pytest.raises(CommandRejected, match="有 1 处屏蔽项，必须先修改：「百家乐」"):
        checked.submit(draft, check=REPORTS_NOTHING)
    assert load_draft(checked.store, draft).status == "draft"


def test_without_a_checker_the_reported_check_is_trusted_as_before(org):
    draft = org.draft(text="欢迎访问百家乐。")
    org.attributes(draft)
    org.submit(draft, check=REPORTS_NOTHING)
    assert recorded_checks(org, draft) == [REPORTS_NOTHING]  # recorded as reported


def test_a_reviewers_correction_with_a_block_term_cannot_be_signed(checked):
    draft = submitted(checked, "关于开展政务公开专项检查的通知正文。")
    checked.approve(draft, "review1", "staff", check=REPORTS_NOTHING)
    checked.approve(draft, "review2", "chief", check=REPORTS_NOTHING)
    text = "签发前改成百家乐。"
    apply(checked.store, SaveRevision(new_id(), "leader", draft, "通知", f"<p>{text}</p>", text))
    with pytest.raises(CommandRejected, match="屏蔽项"):
        checked.approve(draft, "review3", "leader", check=REPORTS_NOTHING)  # 签发
    assert load_draft(checked.store, draft).status == "review3"


def test_a_block_term_in_the_title_is_refused(checked):
    draft = new_id()
    text = "正文。"
    apply(
        checked.store, CreateDraft(new_id(), "liaison", draft, "百家乐开业", f"<p>{text}</p>", text)
    )
    checked.attributes(draft)
    with pytest.raises(CommandRejected, match="标题「百家乐」"):
        checked.submit(draft, check=REPORTS_NOTHING)


def test_a_block_finding_cannot_be_ignored_away(checked):
    draft = checked.draft(text="欢迎访问百家乐。")

    def ignore():
        return IgnoreFinding(
            new_id(), "liaison", draft, "lexicon.term", "body", 4, 7, "百家乐", None, "x"
        )

    with pytest.raises(CommandRejected, match="「百家乐」是屏蔽项，不能忽略"):
        apply(checked.store, ignore())
    assert load_draft(checked.store, draft).ignored == ()
    checked.store.checker = None  # an ignore stored where no checker was attached …
    apply(checked.store, ignore())
    checked.store.checker = CHECKER
    checked.attributes(draft)
    with pytest.raises(CommandRejected, match="屏蔽项"):  # … still lets nothing through
        checked.submit(draft, check=REPORTS_NOTHING)


def test_a_client_reported_block_is_still_refused(checked):
    draft = checked.draft()
    checked.attributes(draft)
    block = {"rule": "x", "field": "body", "start": 0, "end": 1, "severity": "block"}
    reported = check_snapshot(CHECKER.lexicon_hash, CHECKER.whitelist_hash, [block])
    with pytest.raises(CommandRejected, match="屏蔽项"):
        checked.submit(draft, check=reported)


# --- what is checked: the published html, at the stored text's offsets ----------------


def test_a_clean_plain_text_beside_html_with_a_block_term_is_refused(checked):
    draft = new_id()
    html = "<p>欢迎访问百家乐。</p>"
    apply(checked.store, CreateDraft(new_id(), "liaison", draft, "通知", html, "欢迎访问。"))
    checked.attributes(draft)
    with pytest.raises(CommandRejected, match=TEXT_MISMATCH):
        checked.submit(draft, check=REPORTS_NOTHING)


def test_a_term_split_by_a_line_break_only_in_the_plain_text_is_found(checked):
    draft = new_id()
    html = "<p>欢迎访问百家乐。</p>"
    apply(
        checked.store, CreateDraft(new_id(), "liaison", draft, "通知", html, "欢迎访问百\n家乐。")
    )
    checked.attributes(draft)
    with pytest.raises(CommandRejected, match="屏蔽项"):
        checked.submit(draft, check=REPORTS_NOTHING)


def test_findings_of_the_html_land_on_the_plain_texts_offsets():
    # Qt's plain text keeps blank lines, runs of spaces and an image mark (U+FFFC)
    html = '<p>第一段</p><p><br/></p><p>甲  乙<img src="a.png"/>网传 和 <a href="http://example.com/">这里</a></p>'
    text = "第一段\n\n甲  乙\ufffc网传 和 这里"
    findings = {(f.rule, f.start, f.end, f.text) for f in CHECKER.check("", html, text)}
    assert findings == {("lexicon.term", 10, 12, "网传"), ("link.untrusted", 15, 17, "这里")}


# --- warnings --------------------------------------------------------------------------


def test_unacknowledged_warnings_the_client_did_not_report_are_refused(checked):
    draft = submitted(checked, "网传消息不实，网传。")
    with pytest.raises(CommandRejected, match=r"还有 2 处提醒未确认.*「网传」等"):
        checked.approve(draft, "review1", "staff", check=REPORTS_NOTHING)
    with pytest.raises(CommandRejected, match="还有 1 处提醒未确认"):
        checked.approve(draft, "review1", "staff", check=REPORTS_NOTHING, acks=[ack(0, 2)])
    blank = [ack(0, 2), ack(7, 9, reason=" ")]
    with pytest.raises(CommandRejected, match="还有 1 处提醒未确认"):
        checked.approve(draft, "review1", "staff", check=REPORTS_NOTHING, acks=blank)
    acks = [ack(0, 2), ack(7, 9)]
    result = checked.approve(draft, "review1", "staff", check=REPORTS_NOTHING, acks=acks)
    assert result.status == "review2"


def test_warnings_ignored_with_the_draft_need_no_acknowledgement(checked):
    draft = checked.draft(text="网传消息不实。")
    apply(
        checked.store,
        IgnoreFinding(new_id(), "liaison", draft, "lexicon.term", "body", 0, 2, "网传", "网传",
                      "转述原文"),
    )  # fmt: skip
    checked.attributes(draft)
    checked.submit(draft, check=REPORTS_NOTHING)
    assert checked.approve(draft, "review1", "staff", check=REPORTS_NOTHING).status == "review2"


def test_an_ignore_moved_with_its_text_still_covers_one_finding():
    [finding] = CHECKER.check("", "<p>前面加了字。网传</p>", "前面加了字。网传")
    spot = IgnoreFinding(new_id(), "x", new_id(), "lexicon.term", "body", 0, 2, "网传", "网传", "r")
    assert open_warnings([finding], [], [spot]) == []
    two = CHECKER.check("", "<p>网传，网传</p>", "网传，网传")
    assert [f.start for f in open_warnings(two, [], [spot])] == [3]


def test_the_recorded_check_is_the_domains(checked):
    draft = submitted(checked, "网传消息。请勿外传。")
    checked.approve(draft, "review1", "staff", check=REPORTS_NOTHING, acks=[ack(0, 2)])
    checks = recorded_checks(checked, draft)
    assert len(checks) == 2  # the submit and the approval
    for check in checks:
        assert check["rechecked"] is True
        assert check["lexicon_hash"] == LEXICON.content_hash
        assert check["whitelist_hash"] == WHITELIST.content_hash
        assert [(f["text"], f["severity"]) for f in check["findings"]] == [
            ("网传", "warn"),
            ("请勿外传", "info"),
        ]


# --- the check the person saw must be the domain's -------------------------------------


def test_a_report_from_another_lexicon_or_whitelist_is_refused(checked):
    draft = checked.draft()
    checked.attributes(draft)
    for stale in (
        CLEAN,
        check_snapshot("old-lexicon", CHECKER.whitelist_hash, []),
        check_snapshot(CHECKER.lexicon_hash, "old-whitelist", []),
        {"findings": []},
    ):
        with pytest.raises(CommandRejected, match=STALE_CHECK):
            checked.submit(draft, check=stale)
    checked.submit(draft, check=REPORTS_NOTHING)
    with pytest.raises(CommandRejected, match=STALE_CHECK):
        checked.approve(draft, "review1", "staff", check=CLEAN)


def test_while_no_check_can_run_steps_are_refused(checked):
    checked.store.checker = CheckerUnavailable("词库正在载入")
    draft = checked.draft()
    checked.attributes(draft)
    with pytest.raises(CommandRejected, match="词库正在载入"):
        checked.submit(draft, check=REPORTS_NOTHING)


# --- cost ------------------------------------------------------------------------------


def test_a_100000_character_draft_is_rechecked_well_within_a_second(seed_texts):
    text = "\n".join(seed_texts.values())
    text = (text * (100_000 // len(text) + 1))[:100_000] + "网传"
    paragraphs = text.split("\n")
    html = "".join(f"<p>{p}</p>" if p.strip() else "<p><br/></p>" for p in paragraphs)
    CHECKER.check("通知", html, text)  # warm: jieba's dictionary, the matcher
    started = time.perf_counter()
    findings = CHECKER.check("通知", html, text)
    assert time.perf_counter() - started < 0.8
    assert any(f.text == "网传" and f.end == len(text) for f in findings)


# --- what the page announces and what it shows -----------------------------------------


def test_an_alt_text_lands_on_its_image_mark_as_the_editor_reports_it(checked):
    # Qt writes the alt (QTextImageFormat keeps it) and marks the image U+FFFC in the text
    html = '<p>现场<img src="a.png" alt="网传照片"/>图片<img src="b.png"/><img alt="网传"/></p>'
    text = "现场\ufffc图片\ufffc\ufffc"
    findings = [f for f in CHECKER.check("", html, text) if f.kind == "term"]
    assert [(f.start, f.end, f.text, f.origin, f.origin_text) for f in findings] == [
        (2, 3, "\ufffc", "alt", "网传"),
        (6, 7, "\ufffc", "alt", "网传"),
    ]
    draft = new_id()
    apply(checked.store, CreateDraft(new_id(), "liaison", draft, "通知", html, text))
    checked.attributes(draft)
    checked.submit(draft, check=REPORTS_NOTHING)
    with pytest.raises(CommandRejected, match="还有 1 处提醒未确认"):
        checked.approve(draft, "review1", "staff", check=REPORTS_NOTHING, acks=[ack(2, 3)])
    acks = [ack(2, 3, "\ufffc"), ack(6, 7, "\ufffc")]
    assert checked.approve(draft, "review1", "staff", check=REPORTS_NOTHING, acks=acks)


def test_a_block_term_in_an_alt_text_is_refused(checked):
    draft = new_id()
    html = '<p>现场<img src="a.png" alt="百家乐"></p>'
    apply(checked.store, CreateDraft(new_id(), "liaison", draft, "通知", html, "现场\ufffc"))
    checked.attributes(draft)
    with pytest.raises(CommandRejected, match="屏蔽项"):
        checked.submit(draft, check=REPORTS_NOTHING)


def test_a_term_put_together_around_hidden_text_is_refused(checked):
    # the stored plain text holds the hidden 的, so it reads clean; the page shows 百家乐
    draft = new_id()
    html = '<p>百家<span style="display:none">的</span>乐</p>'
    apply(checked.store, CreateDraft(new_id(), "liaison", draft, "通知", html, "百家的乐"))
    checked.attributes(draft)
    with pytest.raises(CommandRejected, match="屏蔽项"):
        checked.submit(draft, check=REPORTS_NOTHING)
