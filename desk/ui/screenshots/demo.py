"""The demo desk the screenshots show: a district government office with its people, and
drafts at every stage of the 三审 flow.

Everything is made with the domain commands, as the window and the CLI would make it:
accounts and units by an admin command, drafts by their drafters, every step by the
person whose step it is, with the check of the text they saw. The bodies are the HTML
the editor itself saves, so opening a draft in the window and leaving it saves nothing.
The store's clock (`DemoClock`) runs through the last few hours while the demo is made,
so the lists and histories show a working morning.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from desk.lexicon import Lexicon, load_lexicon
from desk.links import Whitelist
from desk.resources import resource_path
from desk.review.accounts import CreateAccount, CreateUnit, SetUnitLeader, UpdateAccount
from desk.review.calendar_workdays import WorkCalendar
from desk.review.check import Checker
from desk.review.commands import CreateDraft, SaveRevision, apply, new_id
from desk.review.deadlines import disclosure_deadline, due_status
from desk.review.drafts import load_draft
from desk.review.passwords import hash_password
from desk.review.workflow import (
    Approve,
    Publish,
    Reject,
    Retract,
    SetAttributes,
    SetDraftDetails,
    Submit,
    check_snapshot,
)
from desk.store import Store
from desk.ui.editor.body import BodyEdit

OFFICE = "区政府办公室"
FINANCE = "区财政局"

# Who is who: login, name, unit, roles. The chief also does 一审 (a small office), so
# drafts wait for him at two levels.
ADMIN, DRAFTER, STAFF, CHIEF, LEADER, PRINCIPAL, FINANCE_DRAFTER = (
    "admin",
    "liaison",
    "staff",
    "chief",
    "leader",
    "boss",
    "finance",
)
PEOPLE: tuple[tuple[str, str, str | None, tuple[str, ...]], ...] = (
    (ADMIN, "周管理", OFFICE, ("admin",)),
    (DRAFTER, "李联络", OFFICE, ("drafter",)),
    (STAFF, "王一审", OFFICE, ("review1",)),
    (CHIEF, "赵科长", OFFICE, ("review1", "review2")),
    (LEADER, "钱分管", OFFICE, ("review3",)),
    (PRINCIPAL, "孙区长", None, ("principal",)),
    (FINANCE_DRAFTER, "陈联络", FINANCE, ("drafter",)),
)
NAMES = {login: name for login, name, _unit, _roles in PEOPLE}

# The draft whose findings the editor screenshots show (a 屏蔽 term, a hover card …).
NOTICE_TITLE = "震惊！关于开展2026年政务公开专项检查的通知"

DUTY_TITLE = "关于做好元旦春节期间值班工作的通知"
DUTY = (
    "各科室、各直属单位：",
    "元旦、春节将至，为确保节日期间各项工作正常运转，现就值班工作通知如下。",
    "一、严格落实24小时值班和领导带班制度，值班人员不得擅自离岗。",
    "二、遇有突发事件，按规定及时报告，不得迟报、漏报、瞒报。",
    "区政府办公室",
)
DUTY_CORRECTED = (  # the chief's correction at 二审
    "各科室、各直属单位：",
    "元旦、春节将至，为确保节日期间各项工作正常运转，现就值班工作通知如下。",
    "一、严格落实24小时值班和领导带班制度，值班人员不得擅自离岗，确保通讯畅通。",
    "二、遇有突发事件，按规定及时报告，不得迟报、漏报、瞒报。",
    "区政府办公室",
)
REPORT_TITLE = "区政府2026年政府信息公开工作年度报告"
REPORT = (
    "一、总体情况",
    "2026年，区政府办公室坚持以公开为常态、不公开为例外，全面推进政务公开工作。",
    "二、主动公开政府信息情况",
    "全年主动公开政府信息3860条，其中政策文件126件、解读材料98篇。",
    "三、收到和处理政府信息公开申请情况",
    "全年共受理政府信息公开申请1235件，均在法定期限内答复。",
)
RETURN_ANCHOR = "1235件"
RETURN_COMMENT = "受理件数与统计台账不一致，请与业务科室核对后修改。"
HOURS_TITLE = "关于调整区政务服务中心办公时间的公告"
HOURS = (
    "为进一步方便群众办事，经研究，自2027年1月1日起调整区政务服务中心办公时间。",
    "一、工作日上午9时至12时，下午13时30分至17时。",
    "二、周六上午提供延时服务，办理社保、医保等高频事项。",
    "咨询电话：0571-88886666。",
)
HOURS_CORRECTED = (  # the chief's correction at 二审
    "为进一步方便群众办事，经研究决定，自2027年1月1日起调整区政务服务中心办公时间。",
    "一、工作日上午8时30分至12时，下午13时30分至17时30分。",
    "二、周六上午9时至12时提供延时服务，办理社保、医保、不动产登记等高频事项。",
    "咨询电话：0571-88886666。",
)
FESTIVAL_TITLE = "关于春节期间政务服务安排的公告"
FESTIVAL = (
    "春节期间（2月16日至2月22日），区政务服务中心暂停窗口服务。",
    "网上办事大厅正常受理，节后第一个工作日起按序办理。",
)
OUTLINE_TITLE = "区政府办公室2026年第四季度政务公开工作要点"
OUTLINE = (
    "一、深化重点领域信息公开，做好财政预决算、重大建设项目信息公开。",
    "二、加强政策解读，重要政策文件与解读材料同步起草、同步审签、同步发布。",
    "三、规范政府信息公开申请办理，严格执行法定答复期限。",
)
PROJECTS_TITLE = "关于征集2027年民生实事项目建议的公告"
PROJECTS = (
    "为广泛听取群众意见，现面向社会公开征集2027年区政府民生实事项目建议。",
    "欢迎广大市民通过来信、来电或网上留言提出建议，征集截止日期为12月20日。",
)
LIST_TITLE = "关于公布区级行政许可事项清单的通知"
LIST = (
    "各街道、区政府各部门：",
    "根据上级部署，现将区级行政许可事项清单予以公布，请各部门严格按照清单实施行政许可。",
)
PLAN_TITLE = "2027年区政府民生实事项目（征求意见稿）"
PLAN = (
    "一、新建改建城市公园5个、口袋公园20个。",
    "二、新增公办幼儿园学位1200个。",
    "三、改造老旧小区30个，惠及居民8600户。",
)
SCORES_TITLE = "关于2026年度政务公开工作考核结果的通报"
SCORES = (
    "根据年度考核办法，经各单位自查、第三方评估和综合评议，现将考核结果通报如下。",
    "区发展改革委、区教育局等8个单位考核结果为优秀。",
)


def demo_lexicon() -> Lexicon:
    """The starter lexicon plus a desk's own list that blocks gambling terms."""
    return load_lexicon(resource_path("demo", "lexicon.csv"), starter=True)


class DemoClock:
    """The store's clock: while the demo is made, a working morning that ends about now
    (today's, unless it is just past midnight); then the real time.

    The story is told in minutes (each reading of the clock one minute after the last,
    `later` for a pause), squeezed into the time there is; readings never pass the real
    time and always move forward, so the order of the steps is kept.
    """

    STORY_MINUTES = 330  # about how long `DemoDesk.build` runs in story minutes
    LONGEST = timedelta(hours=5)

    def __init__(self) -> None:
        now = datetime.now(UTC)
        local = now.astimezone()
        since_midnight = local - local.replace(hour=0, minute=0, second=0, microsecond=0)
        span = min(self.LONGEST, since_midnight - timedelta(minutes=1))
        if span < timedelta(hours=1):  # just past midnight: the morning was yesterday's
            span = self.LONGEST
        self._scale = span / timedelta(minutes=self.STORY_MINUTES)
        self._at: datetime | None = now - span
        self._last = now - span

    def __call__(self) -> datetime:
        now = datetime.now(UTC)
        if self._at is None:
            return max(now, self._last)
        self._at += timedelta(minutes=1) * self._scale
        self._last = max(self._last + timedelta(seconds=1), min(self._at, now))
        return self._last

    def later(self, minutes: int) -> None:
        """Let some time pass before the next step (someone got to it after a while)."""
        if self._at is not None:
            self._at += timedelta(minutes=minutes) * self._scale

    def run_real(self) -> None:
        """From now on, the real time."""
        self._at = None


@dataclass(frozen=True, slots=True)
class DemoDrafts:
    """The drafts the screenshots open, by their place in the story."""

    notice: uuid.UUID  # a draft with findings: a 屏蔽 term, 提醒s, a link
    signing: uuid.UUID  # passed 一审, corrected and passed at 二审, waiting for 签发
    returned: uuid.UUID  # returned at 二审 with a comment pinned to 1235件
    corrected: uuid.UUID  # corrected by the chief at 二审, signed and published
    second_review: uuid.UUID  # waiting for the chief at 二审


class DemoDesk:
    """Makes the demo organisation and drafts in ``store`` (an empty one)."""

    def __init__(
        self,
        store: Store,
        lexicon: Lexicon,
        whitelist: Whitelist,
        clock: DemoClock,
        calendar: WorkCalendar | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.calendar = calendar
        self.checker = Checker(lexicon, whitelist)
        self.units: dict[str, uuid.UUID] = {}
        self._body = BodyEdit()  # turns demo HTML into the HTML the editor saves

    def build(self) -> DemoDrafts:
        """The organisation, then the drafts (the clock runs through the morning)."""
        self._organisation()
        today = date.today()
        plan = self._draft(PLAN_TITLE, PLAN, formed_on=today - timedelta(days=8), major=True)
        self._through(plan, "review1", "review2", "review3")
        festival = self._draft(FESTIVAL_TITLE, FESTIVAL, formed_on=today - timedelta(days=20))
        self._through(festival, "review1", "review2", "review3")
        self._publish(festival, ["门户网站", "微信", "微博"])
        corrected = self._draft(HOURS_TITLE, HOURS, formed_on=today - timedelta(days=6))
        self._through(corrected, "review1")
        self._correct(corrected, CHIEF, HOURS_CORRECTED)
        self._through(corrected, "review2", "review3")
        self._publish(corrected, ["门户网站", "微信"])
        self.clock.later(20)
        retract = Retract(new_id(), LEADER, festival, "春节安排有调整，以新发布的公告为准")
        apply(self.store, retract)
        scores = self._draft(SCORES_TITLE, SCORES, formed_on=today - timedelta(days=5))
        self._through(scores, "review1", "review2", "review3")
        returned = self._draft(REPORT_TITLE, REPORT, formed_on=today - timedelta(days=4))
        self._through(returned, "review1")
        self.clock.later(25)
        self._reject(returned, "review2", CHIEF, RETURN_COMMENT, RETURN_ANCHOR)
        outline = self._draft(OUTLINE_TITLE, OUTLINE, formed_on=today - timedelta(days=3))
        self._through(outline, "review1")
        listing = self._draft(LIST_TITLE, LIST, formed_on=self._due_soon(today))
        self._through(listing)
        projects = self._draft(PROJECTS_TITLE, PROJECTS, formed_on=today - timedelta(days=1))
        self._through(projects)
        signing = self._draft(DUTY_TITLE, DUTY, formed_on=today - timedelta(days=2))
        self._through(signing, "review1")
        self._correct(signing, CHIEF, DUTY_CORRECTED)
        self._through(signing, "review2")
        notice_html = resource_path("demo", "notice.html").read_text(encoding="utf-8")
        notice = self._create(DRAFTER, NOTICE_TITLE, notice_html)
        self.clock.run_real()
        return DemoDrafts(notice, signing, returned, corrected, outline)

    # The organisation

    def _organisation(self) -> None:
        """As on a first start: the admin first (the first account of an empty store),
        who then makes the units, the people, and takes a place in the office."""
        accounts = {login: new_id() for login, _name, _unit, _roles in PEOPLE}
        for login, name, unit, roles in PEOPLE:
            unit_id = self.units.get(unit) if unit else None  # none yet for the admin
            apply(
                self.store,
                CreateAccount(
                    new_id(), ADMIN, accounts[login], login, name, unit_id, list(roles),
                    _unusable_password(login),
                ),
            )  # fmt: skip
            for unit_name in (OFFICE, FINANCE) if login == ADMIN else ():
                self.units[unit_name] = new_id()
                apply(self.store, CreateUnit(new_id(), ADMIN, self.units[unit_name], unit_name))
        apply(self.store, SetUnitLeader(new_id(), ADMIN, self.units[OFFICE], accounts[LEADER]))
        apply(
            self.store,
            UpdateAccount(
                new_id(), ADMIN, accounts[ADMIN], NAMES[ADMIN], self.units[OFFICE], ["admin"], True
            ),
        )
        self.clock.later(20)

    # Drafts and steps

    def _draft(
        self, title: str, paragraphs: Sequence[str], *, formed_on: date, major: bool = False
    ) -> uuid.UUID:
        """A draft by the liaison with its 信息形成日期 and 公开属性 (主动公开)."""
        self.clock.later(8)
        body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
        draft_id = self._create(DRAFTER, title, body)
        apply(
            self.store,
            SetDraftDetails(new_id(), DRAFTER, draft_id, major, formed_on.isoformat()),
        )
        apply(self.store, SetAttributes(new_id(), DRAFTER, draft_id, "主动公开"))
        return draft_id

    def _create(self, author: str, title: str, html: str) -> uuid.UUID:
        draft_id = new_id()
        body_html, body_text = self._as_saved(html)
        apply(self.store, CreateDraft(new_id(), author, draft_id, title, body_html, body_text))
        return draft_id

    def _correct(self, draft_id: uuid.UUID, reviewer: str, paragraphs: Sequence[str]) -> None:
        """A reviewer's correction during their level: a revision of theirs."""
        title = load_draft(self.store, draft_id).title
        body_html, body_text = self._as_saved("".join(f"<p>{p}</p>" for p in paragraphs))
        apply(self.store, SaveRevision(new_id(), reviewer, draft_id, title, body_html, body_text))

    def _through(self, draft_id: uuid.UUID, *levels: str) -> None:
        """Submitted by the liaison, then passed at ``levels`` by their reviewers."""
        if load_draft(self.store, draft_id).status == "draft":
            submit = Submit(
                new_id(), DRAFTER, draft_id, self._hash(draft_id), self._check(draft_id)
            )
            apply(self.store, submit)
        reviewers = {"review1": STAFF, "review2": CHIEF, "review3": LEADER}
        opinions = {"review1": "内容准确，同意报送。", "review2": "同意。", "review3": "同意发布。"}
        for level in levels:
            self.clock.later(5)
            check = self._check(draft_id)
            acknowledged = [
                {**finding, "reason": "已核实，属正常表述"}
                for finding in check["findings"]
                if finding["severity"] == "warn"
            ]
            approve = Approve(
                new_id(), reviewers[level], draft_id, level, self._hash(draft_id),
                opinions[level], True, acknowledged, check, level == "review3",
            )  # fmt: skip
            apply(self.store, approve)

    def _reject(
        self, draft_id: uuid.UUID, level: str, reviewer: str, comment: str, about: str
    ) -> None:
        """Returned to the drafter with ``comment`` pinned to the text ``about``."""
        text = load_draft(self.store, draft_id).body_text
        start = text.index(about)
        anchor = {"field": "body", "start": start, "end": start + len(about), "text": about}
        reject = Reject(new_id(), reviewer, draft_id, level, self._hash(draft_id), comment, anchor)
        apply(self.store, reject)

    def _publish(self, draft_id: uuid.UUID, channels: list[str]) -> None:
        self.clock.later(10)
        apply(self.store, Publish(new_id(), DRAFTER, draft_id, self._hash(draft_id), channels))

    def _hash(self, draft_id: uuid.UUID) -> str:
        return load_draft(self.store, draft_id).revision.content_hash

    def _check(self, draft_id: uuid.UUID) -> dict[str, Any]:
        """The check the person acting saw (a demo text never has a 屏蔽 finding)."""
        draft = load_draft(self.store, draft_id)
        result = self.checker.check(draft.body_text, title=draft.title)
        findings = [finding.to_json() for finding in result.findings]
        return check_snapshot(result.lexicon_hash, result.whitelist_hash, findings)

    def _as_saved(self, html: str) -> tuple[str, str]:
        """``html`` as the editor saves it, and its plain text."""
        self._body.set_html(html)
        return self._body.to_html(), self._body.toPlainText()

    def _due_soon(self, today: date) -> date:
        """A 信息形成日期 whose disclosure deadline is a few working days away."""
        for days in range(60):
            formed = today - timedelta(days=days)
            due = disclosure_deadline(formed, self.calendar).due
            if due_status(due, today, self.calendar) == "due-soon":
                return formed
        return today


def _unusable_password(login: str) -> str:
    """The hash of a password nobody knows: nobody signs in to the demo (the symbol and
    the digit keep any random part within the password policy)."""
    return hash_password(f"{secrets.token_urlsafe(16)}-1", login=login)
