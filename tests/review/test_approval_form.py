"""信息发布审核表: the query over a draft taken through the real 三审 commands, and its HTML;
made only from rows proved against the audit log."""

import base64
import re
import sqlite3
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from desk.review.accounts import CreateAccount, CreateUnit, SetUnitLeader
from desk.review.approval_form import MAX_PICTURE_WIDTH, SIGN_LINE, approval_form, form_html
from desk.review.commands import CreateDraft, SaveRevision, apply, new_id
from desk.review.drafts import DraftNotFound, load_draft
from desk.review.register import register_rows
from desk.review.verified import StateUnverified
from desk.review.workflow import (
    Approve,
    Publish,
    Reject,
    RequestModification,
    Retract,
    SetAttributes,
    SetDraftDetails,
    Submit,
    check_snapshot,
)
from desk.store import open_store
from desk.store.audit import verify_store
from tests.flow import ADMIN, first_admin
from tests.render.inert import png_bytes

HASH = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA"
WARN = {
    "rule": "lexicon.term",
    "field": "body",
    "start": 0,
    "end": 2,
    "text": "网传",
    "severity": "warn",
}
CLEAN = check_snapshot("lexicon", "whitelist", [])
WARNED = check_snapshot("lexicon", "whitelist", [WARN])
ACK = {**WARN, "reason": "引用原文，已核实"}


class Clock:
    def __init__(self):
        self.now = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)

    def __call__(self):
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "desk.db", clock=Clock()) as opened:
        yield opened


class Desk:
    """One unit 办公室 with a drafter, 一审, 二审 and its 分管领导."""

    def __init__(self, store):
        self.store = store
        unit = new_id()
        first_admin(store)
        apply(store, CreateUnit(new_id(), ADMIN, unit, "办公室"))
        ids = {}
        for login, name, roles in (
            ("li", "李联络", ["drafter"]),
            ("wang", "王一审", ["review1"]),
            ("zhao", "赵科长", ["review2"]),
            ("qian", "钱分管", ["review3"]),
        ):
            ids[login] = new_id()
            apply(store, CreateAccount(new_id(), ADMIN, ids[login], login, name, unit, roles, HASH))
        apply(store, SetUnitLeader(new_id(), ADMIN, unit, ids["qian"]))

    def hash(self, draft_id):
        return load_draft(self.store, draft_id).revision.content_hash

    def create(self, title, text, *, major=False):
        draft_id = new_id()
        apply(self.store, CreateDraft(new_id(), "li", draft_id, title, f"<p>{text}</p>", text))
        apply(self.store, SetDraftDetails(new_id(), "li", draft_id, major, "2026-03-01"))
        return draft_id

    def save(self, draft_id, title, text, actor="li"):
        apply(self.store, SaveRevision(new_id(), actor, draft_id, title, f"<p>{text}</p>", text))

    def submit(self, draft_id):
        apply(self.store, Submit(new_id(), "li", draft_id, self.hash(draft_id), CLEAN))

    def approve(self, draft_id, level, actor, opinion="同意", check=CLEAN, acks=()):
        apply(
            self.store,
            Approve(
                new_id(), actor, draft_id, level, self.hash(draft_id), opinion, True, list(acks),
                check, level == "review3",
            ),
        )  # fmt: skip

    def reject(self, draft_id, level, actor, comment):
        apply(self.store, Reject(new_id(), actor, draft_id, level, self.hash(draft_id), comment))


@pytest.fixture
def desk(store):
    return Desk(store)


@pytest.fixture
def published(desk):
    """A draft rejected at 一审, its 一审 approval voided by a 二审 rejection, then
    signed by all three levels and published."""
    title = "关于开展政务公开专项检查的通知"
    draft_id = desk.create(title, "各单位：定于3月开展检查。")
    apply(desk.store, SetAttributes(new_id(), "li", draft_id, "依申请公开", "涉及个人信息"))
    desk.submit(draft_id)
    desk.reject(draft_id, "review1", "wang", "请核实机构名称")
    desk.save(draft_id, title, "各单位：定于2026年3月开展检查。")
    desk.submit(draft_id)
    desk.approve(draft_id, "review1", "wang", "同意", WARNED, [ACK])
    desk.reject(draft_id, "review2", "zhao", "请补充检查范围")
    desk.save(draft_id, title, "各单位：定于2026年3月开展专项检查。\n检查范围：全区。")
    desk.submit(draft_id)
    desk.approve(draft_id, "review1", "wang", "已核对，同意。")
    desk.approve(draft_id, "review2", "zhao", "同意发布。")
    desk.approve(draft_id, "review3", "qian", "同意，签发。")
    apply(desk.store, Publish(new_id(), "li", draft_id, desk.hash(draft_id), ["门户网站", "微信"]))
    return draft_id


def local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def test_the_form_of_a_published_draft(store, published):
    form = approval_form(store, published)
    current = load_draft(store, published)
    assert form.draft_id == published
    assert form.title == "关于开展政务公开专项检查的通知"
    assert form.unit == "办公室"
    assert form.drafter == "李联络（li）"
    assert form.formed_on == date(2026, 3, 1)
    assert form.major is False
    assert (form.disclosure, form.disclosure_reason, form.withheld) == (
        "依申请公开",
        "涉及个人信息",
        "",
    )
    assert (form.status, form.status_label) == ("published", "已发布")
    assert form.content_hash == current.revision.content_hash
    assert form.revision_number == current.revision.number
    assert form.body_html == "<p>各单位：定于2026年3月开展专项检查。\n检查范围：全区。</p>"
    assert form.images == {}
    assert [
        (a.level_label, a.action_label, a.reviewer, a.opinion, a.voided) for a in form.actions
    ] == [
        ("起草", "提交审核", "李联络（li）", "", False),
        ("一审", "退回", "王一审（wang）", "请核实机构名称", False),
        ("起草", "提交审核", "李联络（li）", "", False),
        ("一审", "通过", "王一审（wang）", "同意", True),
        ("二审", "退回", "赵科长（zhao）", "请补充检查范围", False),
        ("起草", "提交审核", "李联络（li）", "", False),
        ("一审", "通过", "王一审（wang）", "已核对，同意。", False),
        ("二审", "通过", "赵科长（zhao）", "同意发布。", False),
        ("三审签发", "签发", "钱分管（qian）", "同意，签发。", False),
    ]
    voided = form.actions[3]
    assert voided.voided_reason == "二审退回"
    assert (voided.acknowledgements, voided.proofread) == (1, True)
    assert [a.at for a in form.actions] == sorted(a.at for a in form.actions)
    assert {level: a.opinion for level, a in form.signatures().items()} == {
        "review1": "已核对，同意。",
        "review2": "同意发布。",
        "review3": "同意，签发。",
    }
    assert all(a.content_hash == form.content_hash for a in form.signatures().values())
    [publication] = form.publications
    assert (publication.kind_label, publication.actor, publication.channels) == (
        "发布",
        "李联络（li）",
        ("门户网站", "微信"),
    )
    assert publication.content_hash == form.content_hash


def test_the_printed_form(store, published):
    form = approval_form(store, published)
    head = verify_store(store).head
    assert form.verified.head == head
    page = form_html(form)
    for expected in (
        "信息发布审核表",
        "关于开展政务公开专项检查的通知",
        "办公室",
        "李联络（li）",
        "2026年3月1日",
        "依申请公开；理由：涉及个人信息",
        "已发布",
        "赵科长（zhao）",
        "同意，签发。",
        "非重大事项，无需主要领导审定",
        "门户网站、微信",
        local(form.publications[0].at),
        "已作废：二审退回",
        "确认提醒 1 条",
        form.content_hash,
        head,
        f"已按审计日志核验（共 {form.verified.entries} 条），本表所载与日志一致",
        "检查范围：全区。",
    ):
        assert expected in page, expected
    for level in ("一审", "二审", "三审签发"):  # each with a line to sign by hand
        assert f'<th rowspan="2">{level}</th>' in page
    assert "<th>主要领导审定</th>" in page  # not a major matter: no line for it
    assert page.count(SIGN_LINE) == 3


def test_the_form_is_self_contained(store, published):
    page = form_html(approval_form(store, published))
    assert not re.search(r"<(script|link|img|iframe|object)\b", page)
    assert not re.search(r"""(src|href)\s*=""", page)
    assert "Noto Sans CJK SC" in page


def test_hostile_text_is_escaped(store, desk):
    draft_id = desk.create('<script>alert("标题")</script>', "正文<img src=x onerror=alert(1)>")
    desk.submit(draft_id)
    desk.reject(draft_id, "review1", "wang", "</td></tr></table><script>alert(2)</script>")
    page = form_html(approval_form(store, draft_id))
    assert "<script" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(&quot;标题&quot;)&lt;/script&gt;" in page
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;" in page


def test_a_draft_not_yet_submitted(store, desk):
    draft_id = desk.create("草稿", "正文", major=True)
    form = approval_form(store, draft_id)
    assert form.unit == "办公室"  # the drafter's, until submitted
    assert form.actions == () and form.publications == ()
    assert (form.status_label, form.disclosure) == ("草稿", "")
    page = form_html(form)
    assert "尚无审核记录" in page and "尚未发布" in page and "未设置" in page
    assert "是（需主要领导审定）" in page
    assert "无需主要领导审定" not in page


def test_an_approval_of_an_earlier_revision_says_so(store, desk):
    draft_id = desk.create("通知", "原文")
    apply(desk.store, SetAttributes(new_id(), "li", draft_id, "主动公开"))
    desk.submit(draft_id)
    desk.approve(draft_id, "review1", "wang")
    desk.save(draft_id, "通知", "二审改过的原文", actor="zhao")
    form = approval_form(store, draft_id)
    [approval] = [a for a in form.actions if a.action == "approve"]
    assert approval.content_hash != form.content_hash
    assert approval.revision_number < form.revision_number
    assert f"审核的是第 {approval.revision_number} 版" in form_html(form)


def test_an_unknown_draft(store):
    with pytest.raises(DraftNotFound):
        approval_form(store, uuid.uuid4())


def forge(store, sql):
    database = sqlite3.connect(store.path)
    with database:
        database.execute(sql)
    database.close()


def test_a_form_is_not_made_from_a_forged_signature(store, desk):
    """Three approvals inserted by SQL and the draft set ready: no form shows them."""
    draft_id = desk.create("通知", "正文。")
    apply(store, SetAttributes(new_id(), "li", draft_id, "主动公开"))
    desk.submit(draft_id)
    assert approval_form(store, draft_id).status == "review1"
    for level, actor in (("review1", "wang"), ("review2", "zhao"), ("review3", "qian")):
        forge(
            store,
            "INSERT INTO review_actions SELECT"
            f" '{uuid.uuid4()}', draft_id, revision_id, '{level}', 'approve', '{actor}',"
            " content_hash, '同意', 1, '[]', \"check\", created_at, NULL, NULL"
            " FROM review_actions WHERE action = 'submit'",
        )
    forge(store, "UPDATE drafts SET status = 'ready'")
    with pytest.raises(StateUnverified, match=r"drafts（稿件）表行 \S+ 的 status 列"):
        approval_form(store, draft_id)


def test_a_form_is_not_made_from_an_edited_text(store, published):
    forge(store, "UPDATE revisions SET body_html = '<p>改过的正文</p>' WHERE number = 3")
    with pytest.raises(StateUnverified, match="body_html 列"):
        approval_form(store, published)


RICH_BODY = (
    '<h2 style="color:red">一、工作目标</h2>'
    "<p>各单位：</p>"
    "<ul><li>加强政策解读</li><li>回应社会关切</li></ul>"
    "<ol><li>三月自查</li></ol>"
    "<table><tr><th>单位</th><th>电话</th></tr><tr><td>办公室</td><td>12345678</td></tr></table>"
    '<p onclick="alert(1)">详见<a href="https://evil.example/">通知</a>'
    '<span style="display:none">百家乐暗链</span><script>alert(2)</script></p>'
)


def test_the_original_keeps_its_structure_sanitized(store, desk):
    draft_id = new_id()
    apply(store, CreateDraft(new_id(), "li", draft_id, "通知", RICH_BODY, "正文"))
    form = approval_form(store, draft_id)
    assert "<h2>一、工作目标</h2>" in form.body_html
    assert "<ul><li>加强政策解读</li><li>回应社会关切</li></ul>" in form.body_html
    assert "<ol><li>三月自查</li></ol>" in form.body_html
    assert "<td>办公室</td><td>12345678</td>" in form.body_html
    for gone in ("script", "alert", "百家乐暗链", "href", "style=", "onclick"):
        assert gone not in form.body_html, gone
    page = form_html(form)
    assert '<table class="original" border="1" cellspacing="0" cellpadding="4">' in page
    original = page.split('<div class="original">')[1]
    assert "<h2>一、工作目标</h2>" in original and "<td>办公室</td>" in original
    assert "详见通知" in original


def test_embedded_pictures_are_carried_and_fit_the_page(store, desk):
    wide, small = png_bytes(1600, 900), png_bytes(40, 30)
    body = (
        f'<p><img src="data:image/png;base64,{base64.b64encode(wide).decode()}" alt="图"></p>'
        f'<p><img src="data:image/png;base64,{base64.b64encode(small).decode()}"></p>'
        f'<p><img src="data:image/png;base64,{base64.b64encode(small).decode()}" width="900"></p>'
        '<p><img src="https://www.example.com/remote.png"></p>'
    )
    draft_id = new_id()
    apply(store, CreateDraft(new_id(), "li", draft_id, "图片新闻", body, ""))
    form = approval_form(store, draft_id)
    assert sorted(form.images.values()) == sorted([wide, small])
    assert all(src.startswith("pictures/") for src in form.images)
    pictures = re.findall(r"<img\b[^>]*>", form_html(form))
    assert [re.findall(r'(width|height)="(\d+)"', tag) for tag in pictures] == [
        [("width", str(MAX_PICTURE_WIDTH)), ("height", "315")],  # 1600 × 900 scaled down
        [("width", "40"), ("height", "30")],  # its own size
        [("width", str(MAX_PICTURE_WIDTH)), ("height", "420")],  # the author's, scaled
    ]
    assert all(
        re.search(r'src="(pictures/[^"]+)"', tag).group(1) in form.images for tag in pictures
    )
    assert 'alt="图"' in pictures[0]
    assert "已移除外部图片" in form.body_html  # never fetched: named instead


# --- a published version, a modification and 撤稿 (tests.flow) ------------------------

PHONE = "联系人：王明，电话：13912345678。"
CORRECTED = "联系人：王明，电话：12345678。"


def modified_after_publishing(org):
    """Published; then a modification changing the phone number, submitted to 一审."""
    draft = org.draft(text=PHONE)
    org.through_signing(draft)
    org.publish(draft)
    apply(org.store, RequestModification(new_id(), "liaison", draft, "删去个人手机号"))
    apply(
        org.store,
        SaveRevision(new_id(), "liaison", draft, "通知", f"<p>{CORRECTED}</p>", CORRECTED),
    )
    org.submit(draft)
    return draft


def signed_by(form):
    return {level: (a.reviewer, a.revision_number) for level, a in form.signatures().items()}


def test_the_form_is_about_the_published_version_while_a_modification_is_reviewed(org):
    draft = modified_after_publishing(org)
    [published] = [p for p in register_rows(org.store) if p.kind == "publish"]
    form = approval_form(org.store, draft)
    assert form.content_hash == published.content_hash and PHONE in form.body_html
    assert form.revision_number == 2  # the text with its 公开属性, as signed
    assert signed_by(form) == {
        "review1": ("Staff（staff）", 2),
        "review2": ("Chief（chief）", 2),
        "review3": ("Leader（leader）", 2),
    }  # voided by the 申请修改 for the new round, but what it was published on
    assert form.status_label == "已发布（修改稿待一审）"
    modification = form.modification
    assert (modification.reason, modification.revision_number, modification.stage) == (
        "删去个人手机号",
        3,
        "待一审",
    )
    page = form_html(form)
    assert "修改情况" in page and "修改稿（第 3 版）待一审，尚未发布" in page
    assert "附：信息原文（第 2 版，发布稿）" in page and "SHA-256（第 2 版）" in page
    assert page.count("Leader（leader）") == 2  # signed it (审核签批) and in the history


def test_the_form_after_a_retraction_stopped_the_modification(org):
    """The walk's case: 撤稿 while the corrected phone number waited at 一审."""
    draft = modified_after_publishing(org)
    apply(org.store, Retract(new_id(), "leader", draft, "含个人手机号码"))
    form = approval_form(org.store, draft)
    assert (form.revision_number, form.status_label) == (2, "已撤稿")
    assert set(signed_by(form)) == {"review1", "review2", "review3"}
    assert [p.kind for p in form.publications] == ["publish", "retract"]
    assert [a.action_label for a in form.actions][-2:] == ["提交审核", "中止审核"]
    page = form_html(form)
    assert "修改稿（第 3 版）已随撤稿中止审核" in page
    assert PHONE in page and CORRECTED not in page  # the text that was out, as the record


def test_the_form_of_a_republished_draft_has_the_new_round_s_approvals(org):
    draft = modified_after_publishing(org)
    org.approve(draft, "review1", "chief2")
    org.approve(draft, "review2", "chief")
    org.approve(draft, "review3", "leader")
    org.publish(draft)
    form = approval_form(org.store, draft)
    assert form.revision_number == 3 and CORRECTED in form.body_html
    assert signed_by(form) == {
        "review1": ("Chief2（chief2）", 3),
        "review2": ("Chief（chief）", 3),
        "review3": ("Leader（leader）", 3),
    }
    assert form.modification is None and form.status_label == "已发布"


def test_a_draft_never_published_shows_its_current_round(org):
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    apply(org.store, SaveRevision(new_id(), "chief", draft, "通知", "<p>改。</p>", "改。"))
    form = approval_form(org.store, draft)
    assert form.published_at is None and form.modification is None
    assert form.revision_number == 3 and form.status_label == "待二审"
    assert signed_by(form) == {"review1": ("Staff（staff）", 2)}  # stands: 二审 corrected
