"""Who may write drafts, and deleting a draft never submitted."""

from __future__ import annotations

import pytest

from desk.review.accounts import UpdateAccount
from desk.review.commands import (
    CommandRejected,
    CreateDraft,
    DeleteDraft,
    IgnoreFinding,
    RecordRecovery,
    SaveRevision,
    apply,
    new_id,
)
from desk.review.directory import may_draft
from desk.review.drafts import list_drafts, load_draft, pending_recovery, revisions
from desk.review.workflow import Reject
from desk.store.audit import read_entries, verify
from tests.flow import ADMIN


def create(store, actor, draft_id=None):
    command = CreateDraft(new_id(), actor, draft_id or new_id(), "通知", "<p>正文</p>", "正文")
    apply(store, command)
    return command


@pytest.mark.parametrize(
    ("login", "why"),
    [
        ("staff", "没有“信息发布联络员”角色"),
        ("leader", "没有“信息发布联络员”角色"),
        ("boss", "没有“信息发布联络员”角色"),
        ("nobody", "账号 nobody 不存在"),
        ("cli:root", "账号 cli:root 不存在"),  # the command line is no one's account
    ],
)
def test_only_a_drafter_creates_drafts(org, login, why):
    assert not may_draft(org.store, login)
    with pytest.raises(CommandRejected, match=why):
        create(org.store, login)
    assert list_drafts(org.store) == []


def test_drafters_create_drafts(org):
    for login in ("liaison", "drafting_reviewer"):
        assert may_draft(org.store, login)
        create(org.store, login)
    assert len(list_drafts(org.store)) == 2


def test_a_disabled_drafter_creates_nothing(org):
    apply(
        org.store,
        UpdateAccount(new_id(), ADMIN, org.ids["liaison"], "Liaison", org.unit, ["drafter"], False),
    )
    with pytest.raises(CommandRejected, match="已停用"):
        create(org.store, "liaison")


def test_a_desk_without_accounts_lets_scripts_draft(store):
    assert may_draft(store, "script")
    create(store, "script")


def test_the_author_deletes_a_draft_never_submitted_with_everything_of_it(org):
    draft = org.draft()
    kept = org.draft()
    apply(
        org.store,
        IgnoreFinding(
            new_id(), "liaison", draft, "lexicon.term", "body", 0, 2, "关于", None, "引用原文"
        ),
    )
    apply(org.store, RecordRecovery(new_id(), "liaison", draft, "通知", "<p>未保存</p>"))
    apply(org.store, DeleteDraft(new_id(), "liaison", draft))
    assert [d.id for d in list_drafts(org.store)] == [kept]
    assert revisions(org.store, draft) == []
    assert pending_recovery(org.store, "liaison") == []
    entries = read_entries(org.store)
    assert entries[-1].name == "DeleteDraft" and entries[-1].actor == "liaison"
    assert verify(entries).ok


def test_only_the_author_deletes_and_only_before_submitting(org):
    draft = org.draft()
    with pytest.raises(CommandRejected, match="只有起草人"):
        apply(org.store, DeleteDraft(new_id(), "liaison2", draft))
    org.attributes(draft)
    org.submit(draft)
    apply(org.store, Reject(new_id(), "staff", draft, "review1", org.hash(draft), "重写"))
    with pytest.raises(CommandRejected, match="提交过审核"):  # back as a draft: still kept
        apply(org.store, DeleteDraft(new_id(), "liaison", draft))
    with pytest.raises(CommandRejected, match="不存在"):
        apply(org.store, DeleteDraft(new_id(), "liaison", new_id()))
    assert [d.id for d in list_drafts(org.store)] == [draft]


def test_replaying_the_command_that_made_a_deleted_draft_is_refused(org):
    draft_id = new_id()
    made = create(org.store, "liaison", draft_id)
    apply(org.store, DeleteDraft(new_id(), "liaison", draft_id))
    with pytest.raises(CommandRejected, match="已被删除"):
        apply(org.store, made)


# --- who may change a draft's text or ignore its findings ----------------------------


def ignore(org, actor, draft, start=0):
    return apply(
        org.store,
        IgnoreFinding(
            new_id(),
            actor,
            draft,
            "lexicon.term",
            "body",
            start,
            start + 2,
            "关于",
            None,
            "引用原文",
        ),
    )


def save(org, actor, draft, text):
    return apply(org.store, SaveRevision(new_id(), actor, draft, "通知", f"<p>{text}</p>", text))


@pytest.mark.parametrize("someone", ["liaison2", "staff", "admin", "nobody", "cli:root"])
def test_nobody_but_the_drafter_writes_into_an_unsubmitted_draft(org, someone):
    draft = org.draft()
    before = len(read_entries(org.store))
    with pytest.raises(CommandRejected, match="只有起草人可以修改"):
        save(org, someone, draft, "别人写进来的正文")
    with pytest.raises(CommandRejected, match="只有起草人可以忽略提示"):
        ignore(org, someone, draft)
    assert len(read_entries(org.store)) == before
    assert load_draft(org.store, draft).ignored == ()


def test_during_review_only_the_current_levels_reviewer_ignores(org):
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    for someone in ("liaison", "chief", "outsider", "nobody"):
        with pytest.raises(CommandRejected, match="稿件正在一审，只有该环节的审核人可以忽略提示"):
            ignore(org, someone, draft)
    made = ignore(org, "staff", draft)
    assert made.actor == "staff"
    assert read_entries(org.store)[-1].name == "IgnoreFinding"
    org.approve(draft, "review1", "staff")
    with pytest.raises(CommandRejected, match="稿件正在二审"):
        ignore(org, "staff", draft, start=4)
    ignore(org, "chief", draft, start=4)


def test_a_signed_draft_takes_no_ignore(org):
    draft = org.draft()
    org.through_signing(draft)
    with pytest.raises(CommandRejected, match="稿件待发布，不能直接忽略提示"):
        ignore(org, "liaison", draft)
