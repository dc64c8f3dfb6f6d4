"""A small organisation and a draft driven through the 三审 flow by the domain commands,
for the tests of the flow, the register, the history and the review windows."""

from __future__ import annotations

import uuid

from desk.review.accounts import CreateAccount, CreateUnit, SetUnitLeader
from desk.review.commands import CreateDraft, SaveRevision, apply, new_id
from desk.review.drafts import load_draft
from desk.review.workflow import (
    Approve,
    Publish,
    RequestModification,
    SetAttributes,
    SetDraftDetails,
    Submit,
    check_snapshot,
)

ADMIN = "admin"  # the store's first account, so allowed to make the rest
CLEAN = check_snapshot("lexicon", "whitelist", [])
WARN = {
    "rule": "lexicon.term",
    "field": "body",
    "start": 0,
    "end": 2,
    "text": "网传",
    "severity": "warn",
}
BLOCK = {**WARN, "severity": "block", "text": "赌场"}


def first_admin(store, login=ADMIN):
    """Make ``login`` the admin of an empty store (anyone may make the first account, if
    it holds the admin role); its id."""
    account_id = new_id()
    apply(
        store,
        CreateAccount(new_id(), login, account_id, login, "管理员", None, ["admin"], "$argon2id$x"),
    )
    return account_id


class Org:
    """An admin; a unit 办公室 with a drafter, 一审, two chiefs, a leader; a principal;
    another unit."""

    def __init__(self, store):
        self.store = store
        self.unit = new_id()
        self.other_unit = new_id()
        first_admin(store)
        apply(store, CreateUnit(new_id(), ADMIN, self.unit, "办公室"))
        apply(store, CreateUnit(new_id(), ADMIN, self.other_unit, "财政局"))
        self.ids: dict[str, uuid.UUID] = {}
        for login, roles, unit in (
            ("liaison", ["drafter"], self.unit),
            ("liaison2", ["drafter"], self.unit),
            ("staff", ["review1"], self.unit),
            ("chief", ["review2"], self.unit),
            ("chief2", ["review1", "review2"], self.unit),
            ("leader", ["review3"], self.unit),
            ("boss", ["principal"], None),
            ("outsider", ["review1"], self.other_unit),
            ("drafting_reviewer", ["drafter", "review1"], self.unit),
        ):
            self.ids[login] = new_id()
            apply(
                store,
                CreateAccount(
                    new_id(),
                    ADMIN,
                    self.ids[login],
                    login,
                    login.title(),
                    unit,
                    roles,
                    "$argon2id$x",
                ),
            )
        apply(store, SetUnitLeader(new_id(), ADMIN, self.unit, self.ids["leader"]))

    def draft(self, author="liaison", text="关于开展政务公开专项检查的通知正文。", major=False):
        draft_id = new_id()
        apply(self.store, CreateDraft(new_id(), author, draft_id, "通知", f"<p>{text}</p>", text))
        if major:
            apply(self.store, SetDraftDetails(new_id(), author, draft_id, True, "2026-03-02"))
        return draft_id

    def hash(self, draft_id):
        return load_draft(self.store, draft_id).revision.content_hash

    def attributes(self, draft_id, actor="liaison", disclosure="主动公开", reason=""):
        return apply(self.store, SetAttributes(new_id(), actor, draft_id, disclosure, reason))

    def submit(self, draft_id, actor="liaison", check=CLEAN):
        return apply(self.store, Submit(new_id(), actor, draft_id, self.hash(draft_id), check))

    def approve(self, draft_id, level, actor, check=CLEAN, acks=(), secrecy=None, seen=None):
        secrecy = level == "review3" if secrecy is None else secrecy
        return apply(
            self.store,
            Approve(
                new_id(), actor, draft_id, level, seen or self.hash(draft_id), "同意", True,
                list(acks), check, secrecy,
            ),
        )  # fmt: skip

    def through_signing(self, draft_id):
        self.attributes(draft_id)
        self.submit(draft_id)
        self.approve(draft_id, "review1", "staff")
        self.approve(draft_id, "review2", "chief")
        return self.approve(draft_id, "review3", "leader")

    def publish(self, draft_id, actor="liaison", channels=("门户网站", "微信")):
        return apply(
            self.store, Publish(new_id(), actor, draft_id, self.hash(draft_id), list(channels))
        )


# A published draft's correction: the contact number changed (the personal mobile gone).
CORRECTED = "关于开展政务公开专项检查的通知正文。联系电话：12345678。"


def correction_at_review2(org: Org) -> uuid.UUID:
    """Published, then a correction submitted and passed at 一审: it waits at 二审."""
    draft = org.draft(text="关于开展政务公开专项检查的通知正文。联系电话：13912345678。")
    org.through_signing(draft)
    org.publish(draft)
    apply(org.store, RequestModification(new_id(), "liaison", draft, "删去个人手机号"))
    apply(
        org.store,
        SaveRevision(new_id(), "liaison", draft, "通知", f"<p>{CORRECTED}</p>", CORRECTED),
    )
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    return draft
