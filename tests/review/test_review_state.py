"""A draft's history has every step, named as people name them, and its state says where
it is published or why it was retracted; earlier levels' reasons for each 提醒 are there
for the next level to confirm."""

from __future__ import annotations

from desk.review.acknowledgements import PriorReason, prior_reasons, reasons_for
from desk.review.commands import SaveRevision, apply, new_id
from desk.review.findings import Finding
from desk.review.inbox import review_state
from desk.review.workflow import RequestModification, Retract, Withdraw
from tests.flow import WARN


def test_the_history_has_every_step_in_order_with_its_name(org):
    draft = org.draft(major=True)
    org.attributes(draft)
    org.submit(draft)
    apply(org.store, Withdraw(new_id(), "liaison", draft))
    org.through_signing(draft)
    org.approve(draft, "principal", "boss")
    org.publish(draft, channels=("门户网站", "微信"))
    apply(org.store, RequestModification(new_id(), "liaison", draft, "更新联系电话"))
    apply(org.store, Retract(new_id(), "leader", draft, "含个人手机号"))
    history = review_state(org.store, draft).history
    assert [(s.level, s.action, s.label) for s in history] == [
        ("draft", "submit", "提交审核"),
        ("draft", "withdraw", "撤回"),
        ("draft", "submit", "提交审核"),
        ("review1", "approve", "通过"),
        ("review2", "approve", "通过"),
        ("review3", "approve", "签发"),
        ("principal", "approve", "审定"),
        ("ready", "publish", "发布"),
        ("draft", "modify", "申请修改"),
        ("review3", "retract", "撤稿"),
        ("draft", "halt", "中止审核"),  # the modification being written
    ]
    publish, modify, retract, _halt = history[-4:]
    assert publish.channels == ("门户网站", "微信") and publish.actor == "Liaison（liaison）"
    assert modify.opinion == "更新联系电话"
    assert retract.opinion == "含个人手机号" and retract.actor == "Leader（leader）"
    assert [s.at for s in history] == sorted(s.at for s in history)


def test_the_state_says_where_it_is_published_or_why_it_was_retracted(org):
    draft = org.draft()
    assert review_state(org.store, draft).release is None
    org.through_signing(draft)
    org.publish(draft, channels=("门户网站", "微博"))
    release = review_state(org.store, draft).release
    assert release is not None and (release.kind, release.channels) == (
        "publish",
        ("门户网站", "微博"),
    )
    # while a modification is reviewed, the published version stays live
    apply(org.store, RequestModification(new_id(), "liaison", draft, "更新"))
    state = review_state(org.store, draft)
    assert state.status == "draft" and state.release.kind == "publish"
    apply(org.store, Retract(new_id(), "leader", draft, "信息有误"))
    release = review_state(org.store, draft).release
    assert (release.kind, release.reason, release.actor) == (
        "retract",
        "信息有误",
        "Leader（leader）",
    )
    assert release.channels == ("门户网站", "微博")  # where it was taken down from


def warn(start: int, text: str = "网传") -> Finding:
    return Finding(
        "term", WARN["rule"], "body", start, start + len(text), text, "warn", "不实信息", "提醒"
    )


def ack(finding: Finding, reason: str) -> dict[str, object]:
    return {
        "rule": finding.rule,
        "field": finding.field,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "reason": reason,
    }


def test_earlier_levels_reasons_are_offered_from_standing_approvals(org):
    first = warn(0)
    check = {"lexicon_hash": "l", "whitelist_hash": "w", "findings": [first.to_json()]}
    draft = org.draft(text="网传某地发生事件，经核实不实。")
    org.attributes(draft)
    org.submit(draft, check=check)
    assert prior_reasons(org.store, draft, "review1") == ()
    org.approve(draft, "review1", "staff", check=check, acks=[ack(first, "已核实来源")])
    by_staff = PriorReason("review1", "Staff", first.rule, "body", 0, 2, "网传", "已核实来源")
    assert prior_reasons(org.store, draft, "review2") == (by_staff,)
    # 二审 confirms 一审's reason: the domain takes it as 二审's acknowledgement
    org.approve(draft, "review2", "chief", check=check, acks=[ack(first, by_staff.reason)])
    by_chief = PriorReason("review2", "Chief", first.rule, "body", 0, 2, "网传", "已核实来源")
    assert prior_reasons(org.store, draft, "review3") == (by_staff, by_chief)
    assert prior_reasons(org.store, draft, "review2") == (by_staff,)  # earlier levels only
    assert prior_reasons(org.store, draft, "draft") == ()
    assert prior_reasons(org.store, new_id(), "review3") == ()
    # a correction by 三审 voids nothing below: the reasons still stand
    text = "网传某地发生事件。"
    apply(org.store, SaveRevision(new_id(), "leader", draft, "通知", f"<p>{text}</p>", text))
    assert len(prior_reasons(org.store, draft, "review3")) == 2


def test_reasons_follow_their_finding_when_the_text_moves():
    rule = WARN["rule"]
    earlier = (
        PriorReason("review1", "王一审", rule, "body", 0, 2, "网传", "第一处已核实"),
        PriorReason("review1", "王一审", rule, "body", 10, 12, "网传", "第二处已核实"),
        PriorReason("review2", "赵科长", rule, "body", 0, 2, "网传", "同意一审意见"),
        PriorReason("review2", "赵科长", rule, "body", 10, 12, "网传", "同意"),
    )
    # four characters were inserted before the second 网传; the first stays where it was
    found = reasons_for([warn(0), warn(14), warn(20, "震惊")], earlier)
    assert [r.reason for r in found[(rule, "body", 0, 2)]] == ["第一处已核实", "同意一审意见"]
    assert [r.reason for r in found[(rule, "body", 14, 16)]] == ["第二处已核实", "同意"]
    assert (rule, "body", 20, 22) not in found  # no reason given for it yet
    # a new 网传 before the second: which earlier reason is about which can't be told
    found = reasons_for([warn(0), warn(5), warn(14)], earlier)
    assert list(found) == [(rule, "body", 0, 2)]
    # only 提醒 take reasons
    assert reasons_for([Finding("term", rule, "body", 0, 2, "网传", "info", "", "")], earlier) == {}
    assert reasons_for([], earlier) == {}
