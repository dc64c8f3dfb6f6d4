"""Domain commands on drafts: create, save, ignore a finding, crash recovery; the queries."""

import json
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, func, select

from desk.render import content_hash
from desk.review import commands
from desk.review.commands import (
    COMMANDS,
    ClearRecovery,
    CommandRejected,
    CreateDraft,
    DeleteDraft,
    IgnoreFinding,
    RecordRecovery,
    SaveRevision,
    apply,
    command_from_json,
    new_id,
)
from desk.review.drafts import (
    DraftNotFound,
    list_drafts,
    load_draft,
    pending_recovery,
    revisions,
)
from desk.review.findings import Finding
from desk.store import open_store
from desk.store.audit import read_entries
from desk.store.models import AppliedCommand, Draft, IgnoredFinding, Recovery, Revision

ACTOR = "张三"
TITLE = "关于开展2026年政务公开专项检查的通知"
BODY_TEXT = "各街道、区政府各部门：根据工作安排，区政府办公室将于12月开展政务公开专项检查。"
BODY_HTML = f"<p>{BODY_TEXT}</p>"


class Clock:
    """Moves one second each time it is read; ``advance`` jumps further."""

    def __init__(self):
        self.now = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)

    def __call__(self):
        self.now += timedelta(seconds=1)
        return self.now

    def advance(self, seconds):
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    with open_store(tmp_path / "desk.db", clock=clock) as opened:
        yield opened


def create(store, title=TITLE, body_text=BODY_TEXT, draft_id=None):
    draft_id = draft_id or new_id()
    command = CreateDraft(new_id(), ACTOR, draft_id, title, f"<p>{body_text}</p>", body_text)
    return apply(store, command)


def save(store, draft_id, title=TITLE, body_text=BODY_TEXT, reason="save", actor=ACTOR):
    command = SaveRevision(
        new_id(), actor, draft_id, title, f"<p>{body_text}</p>", body_text, reason
    )
    return apply(store, command)


def count(store, model):
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def ignore_command(draft_id, reason="引用的是文件原文，不作改动", **changes):
    fields = {
        "command_id": new_id(),
        "actor": ACTOR,
        "draft_id": draft_id,
        "rule": "lexicon.term",
        "field": "body",
        "start": 3,
        "end": 6,
        "text": "百家乐",
        "term": "百家乐",
        "reason": reason,
    } | changes
    return IgnoreFinding(**fields)


# --- create and save -------------------------------------------------------------------


def test_create_draft_makes_revision_1_with_the_content_hash(store):
    draft_id = new_id()
    command = CreateDraft(new_id(), ACTOR, draft_id, TITLE, BODY_HTML, BODY_TEXT)
    revision = apply(store, command)
    assert (revision.draft_id, revision.number, revision.author) == (draft_id, 1, ACTOR)
    assert revision.id == command.command_id
    assert revision.content_hash == content_hash(TITLE, BODY_HTML)
    assert revision.reason == "save"
    view = load_draft(store, draft_id)
    assert (view.title, view.body_html, view.body_text) == (TITLE, BODY_HTML, BODY_TEXT)
    assert (view.status, view.created_by, view.revision) == ("draft", ACTOR, revision)
    assert view.created_at == view.updated_at == revision.created_at
    assert view.ignored == ()


def test_saves_number_revisions_per_draft_and_keep_every_one(store):
    first = create(store).draft_id
    other = create(store, title="另一篇").draft_id
    save(store, first, body_text="第二稿")
    save(store, other, body_text="另一篇第二稿")
    third = save(store, first, body_text="第三稿", reason="autosave")
    assert third.number == 3
    history = revisions(store, first)
    assert [r.number for r in history] == [1, 2, 3]
    assert [r.author for r in history] == [ACTOR, ACTOR, ACTOR]
    assert [r.reason for r in history] == ["save", "save", "autosave"]
    assert history[-1] == third
    assert [r.number for r in revisions(store, other)] == [1, 2]
    view = load_draft(store, first)
    assert (view.body_text, view.revision, view.updated_at) == ("第三稿", third, third.created_at)
    assert revisions(store, new_id()) == []


def test_only_its_drafter_saves_an_unsubmitted_draft(store):
    """Knowing a draft's id is not enough to write into it (whoever the actor is)."""
    draft_id = create(store).draft_id
    for someone in ("李四", "cli:root"):
        with pytest.raises(CommandRejected, match="稿件尚未提交审核，只有起草人可以修改"):
            save(store, draft_id, body_text="别人改的正文", actor=someone)
    assert [r.author for r in revisions(store, draft_id)] == [ACTOR]
    assert count(store, AppliedCommand) == 1


def test_only_its_drafter_ignores_a_finding_of_an_unsubmitted_draft(store):
    draft_id = create(store).draft_id
    for someone in ("李四", "cli:root"):
        with pytest.raises(CommandRejected, match="稿件尚未提交审核，只有起草人可以忽略提示"):
            apply(store, ignore_command(draft_id, actor=someone))
    assert count(store, IgnoredFinding) == 0
    apply(store, ignore_command(draft_id))
    entry = read_entries(store)[-1]
    assert (entry.name, entry.actor) == ("IgnoreFinding", ACTOR)  # journaled, with who


def test_saving_identical_content_keeps_no_new_revision_and_returns_the_current(store, clock):
    created = create(store)
    clock.advance(60)
    again = save(store, created.draft_id)
    assert again == created
    assert [r.number for r in revisions(store, created.draft_id)] == [1]
    assert load_draft(store, created.draft_id).updated_at == created.created_at


def test_a_change_in_the_title_alone_is_a_new_revision(store):
    created = create(store)
    assert save(store, created.draft_id, title=TITLE + "（修订）").number == 2


def test_saving_an_unknown_draft_is_rejected_and_journals_nothing(store):
    with pytest.raises(CommandRejected, match="不存在"):
        save(store, new_id())
    assert count(store, AppliedCommand) == 0


def test_creating_a_draft_that_exists_is_rejected(store):
    draft_id = create(store).draft_id
    with pytest.raises(CommandRejected, match="已存在"):
        create(store, title="重复", draft_id=draft_id)
    assert load_draft(store, draft_id).title == TITLE


def test_a_command_failing_midway_leaves_nothing_behind(store, monkeypatch):
    def broken(row):
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(commands, "revision_summary", broken)
    with pytest.raises(RuntimeError):
        create(store)
    assert [count(store, m) for m in (Draft, Revision, AppliedCommand)] == [0, 0, 0]


# --- idempotent replay -----------------------------------------------------------------


def test_applying_the_same_command_twice_changes_nothing_the_second_time(store):
    draft_id = new_id()
    create_command = CreateDraft(new_id(), ACTOR, draft_id, TITLE, BODY_HTML, BODY_TEXT)
    first = apply(store, create_command)
    assert apply(store, create_command) == first
    save_command = SaveRevision(new_id(), ACTOR, draft_id, "二稿", "<p>二</p>", "二")
    second = apply(store, save_command)
    save(store, draft_id, body_text="三稿")
    assert apply(store, save_command) == second  # what it returned then, not the current
    assert [r.number for r in revisions(store, draft_id)] == [1, 2, 3]
    assert (count(store, Draft), count(store, AppliedCommand)) == (1, 3)


def test_replaying_an_unchanged_save_returns_the_revision_it_returned(store):
    created = create(store)
    unchanged = SaveRevision(new_id(), ACTOR, created.draft_id, TITLE, BODY_HTML, BODY_TEXT)
    assert apply(store, unchanged) == created
    save(store, created.draft_id, body_text="二稿")
    assert apply(store, unchanged) == created


def test_a_reused_command_id_with_other_content_is_rejected(store):
    created = create(store)
    command_id = new_id()
    apply(store, SaveRevision(command_id, ACTOR, created.draft_id, "二稿", "<p>二</p>", "二"))
    with pytest.raises(CommandRejected, match="命令编号"):
        apply(store, SaveRevision(command_id, ACTOR, created.draft_id, "三稿", "<p>三</p>", "三"))
    assert load_draft(store, created.draft_id).title == "二稿"


def test_the_journal_keeps_each_command_as_json(store):
    command = CreateDraft(new_id(), ACTOR, new_id(), TITLE, BODY_HTML, BODY_TEXT)
    apply(store, command)
    with store.read() as session:
        row = session.get_one(AppliedCommand, command.command_id)
        assert (row.name, row.actor, row.payload) == ("CreateDraft", ACTOR, command.to_json())
        assert command_from_json(row.payload) == command


# --- JSON ------------------------------------------------------------------------------

DRAFT = uuid.UUID("7d444840-9dc0-41f4-9a5b-7ac1a2b6c3d4")
SAMPLES = [
    CreateDraft(new_id(), ACTOR, DRAFT, TITLE, BODY_HTML, BODY_TEXT),
    CreateDraft(new_id(), ACTOR, DRAFT, TITLE, BODY_HTML, BODY_TEXT, "import"),
    SaveRevision(new_id(), ACTOR, DRAFT, "", "", "", "autosave"),
    ignore_command(DRAFT),
    ignore_command(DRAFT, term=None, field="title"),
    RecordRecovery(new_id(), ACTOR, DRAFT, TITLE, "<p>未保存 😀 𠀀</p>"),
    ClearRecovery(new_id(), ACTOR, DRAFT),
    DeleteDraft(new_id(), ACTOR, DRAFT),
]


def test_the_samples_cover_every_draft_command():
    drafts = {cls for cls in COMMANDS.values() if cls.__module__ == "desk.review.commands"}
    assert {type(sample) for sample in SAMPLES} == drafts


@pytest.mark.parametrize("command", SAMPLES, ids=lambda c: c.name)
def test_every_command_round_trips_through_json(command):
    data = json.loads(json.dumps(command.to_json(), ensure_ascii=False))
    assert data["command"] == command.name
    assert data["command_id"] == str(command.command_id)
    again = command_from_json(data)
    assert again == command and type(again) is type(command)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON 对象"),
        ({"command": "DeleteEverything"}, "未知命令"),
        ({**SAMPLES[0].to_json(), "extra": 1}, "未知字段：extra"),
        ({k: v for k, v in SAMPLES[0].to_json().items() if k != "title"}, "缺少字段：title"),
        ({**SAMPLES[0].to_json(), "draft_id": "not-a-uuid"}, "不是有效的 UUID"),
        ({**SAMPLES[0].to_json(), "draft_id": 7}, "draft_id 应为UUID"),
        ({**SAMPLES[0].to_json(), "title": None}, "title 应为字符串"),
        ({**SAMPLES[3].to_json(), "start": "3"}, "start 应为整数"),
        ({**SAMPLES[3].to_json(), "start": True}, "start 应为整数"),
        ({**SAMPLES[3].to_json(), "term": 5}, "term 应为字符串或空"),
        ({**SAMPLES[2].to_json(), "reason": "backup"}, "保存原因"),
        ({**SAMPLES[2].to_json(), "actor": " "}, "缺少操作人"),
    ],
)
def test_malformed_json_is_rejected(data, message):
    with pytest.raises(CommandRejected, match=message):
        command_from_json(data)


def test_a_missing_optional_field_takes_its_default():
    data = SAMPLES[0].to_json()
    del data["reason"]
    assert command_from_json(data).reason == "save"


# --- ignoring a finding ----------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_ignoring_a_finding_requires_a_reason(reason):
    with pytest.raises(CommandRejected, match="理由"):
        ignore_command(DRAFT, reason=reason)
    with pytest.raises(CommandRejected, match="理由"):
        command_from_json({**ignore_command(DRAFT).to_json(), "reason": reason})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"field": "footer"}, "title 或 body"),
        ({"start": 6, "end": 3}, "位置无效"),
        ({"start": -1}, "位置无效"),
        ({"rule": " "}, "规则"),
    ],
)
def test_an_ignored_finding_must_say_where_it_is(changes, message):
    with pytest.raises(CommandRejected, match=message):
        ignore_command(DRAFT, **changes)


def test_an_ignored_finding_is_kept_with_the_draft_with_who_and_why(store):
    draft_id = create(store).draft_id
    command = ignore_command(draft_id)
    ignored = apply(store, command)
    assert ignored.id == command.command_id
    assert (ignored.rule, ignored.field, ignored.start, ignored.end, ignored.text) == (
        *("lexicon.term", "body", 3, 6, "百家乐"),
    )
    assert (ignored.term, ignored.actor) == ("百家乐", ACTOR)
    assert ignored.reason == "引用的是文件原文，不作改动"
    save(store, draft_id, body_text="改过的正文")
    assert load_draft(store, draft_id).ignored == (ignored,)


def test_ignoring_the_same_finding_again_keeps_the_first(store):
    draft_id = create(store).draft_id
    first = apply(store, ignore_command(draft_id))
    assert apply(store, ignore_command(draft_id, reason="另一个理由")) == first
    other_place = apply(store, ignore_command(draft_id, start=10, end=13))
    assert load_draft(store, draft_id).ignored == (first, other_place)


def test_ignoring_a_finding_on_an_unknown_draft_is_rejected(store):
    with pytest.raises(CommandRejected, match="不存在"):
        apply(store, ignore_command(new_id()))
    assert count(store, IgnoredFinding) == 0


def test_ignore_finding_from_a_finding_of_the_check():
    finding = Finding(
        "term", "lexicon.term", "title", 2, 4, "网传", "warn", "标题规范", "…", term="网传"
    )
    command = IgnoreFinding.for_finding(
        finding, command_id=new_id(), actor=ACTOR, draft_id=DRAFT, reason="引用原话"
    )
    assert (command.rule, command.field, command.start, command.end, command.text) == (
        *("lexicon.term", "title", 2, 4, "网传"),
    )
    assert (command.term, command.reason) == ("网传", "引用原话")


# --- crash recovery --------------------------------------------------------------------


def record(store, draft_id, title="未保存的标题", body_html="<p>未保存的正文</p>"):
    apply(store, RecordRecovery(new_id(), ACTOR, draft_id, title, body_html))


def test_a_never_saved_draft_is_recovered_as_new(store):
    draft_id = new_id()
    record(store, draft_id, body_html="<p>第一版</p>")
    record(store, draft_id, body_html="<p>第二版</p>")
    (snapshot,) = pending_recovery(store, ACTOR)
    assert (snapshot.draft_id, snapshot.is_new) == (draft_id, True)
    assert snapshot.body_html == "<p>第二版</p>"
    assert count(store, Recovery) == 1


def test_recovery_of_a_saved_draft_is_offered_only_when_newer_and_different(store, clock):
    created = create(store)
    draft_id = created.draft_id
    record(store, draft_id, TITLE, BODY_HTML)  # the same as saved
    assert pending_recovery(store, ACTOR) == []
    record(store, draft_id, TITLE, "<p>改了一半</p>")
    (snapshot,) = pending_recovery(store, ACTOR)
    assert (snapshot.is_new, snapshot.title) == (False, TITLE)
    assert snapshot.body_html == "<p>改了一半</p>"
    assert snapshot.saved_at > created.created_at
    save(store, draft_id, body_text="保存后的正文")  # saved later than the snapshot
    assert pending_recovery(store, ACTOR) == []


def test_clear_recovery_drops_the_snapshot(store):
    kept, cleared = new_id(), new_id()
    record(store, kept)
    record(store, cleared)
    apply(store, ClearRecovery(new_id(), ACTOR, cleared))
    apply(store, ClearRecovery(new_id(), ACTOR, new_id()))  # nothing to clear: fine
    assert [s.draft_id for s in pending_recovery(store, ACTOR)] == [kept]


def test_snapshots_are_listed_newest_first(store):
    older, newer = new_id(), new_id()
    record(store, older)
    record(store, newer)
    assert [s.draft_id for s in pending_recovery(store, ACTOR)] == [newer, older]


def test_a_snapshot_is_offered_to_its_author_only(store):
    draft_id = new_id()
    record(store, draft_id, body_html="<p>张三写的</p>")
    (snapshot,) = pending_recovery(store, ACTOR)
    assert snapshot.author == ACTOR
    assert pending_recovery(store, "李四") == []
    assert pending_recovery(store, "") == []


def test_others_snapshots_of_a_draft_stay_theirs(store):
    draft_id = create(store).draft_id
    record(store, draft_id, TITLE, "<p>张三改了一半</p>")
    apply(store, RecordRecovery(new_id(), "李四", draft_id, TITLE, "<p>李四改了一半</p>"))
    assert [s.body_html for s in pending_recovery(store, ACTOR)] == ["<p>张三改了一半</p>"]
    assert [s.body_html for s in pending_recovery(store, "李四")] == ["<p>李四改了一半</p>"]
    apply(store, ClearRecovery(new_id(), "李四", draft_id))  # 李四 saved or discarded
    assert pending_recovery(store, "李四") == []
    assert [s.body_html for s in pending_recovery(store, ACTOR)] == ["<p>张三改了一半</p>"]
    assert count(store, Recovery) == 1


def test_recovery_commands_are_not_journaled(store):
    draft_id = new_id()
    record(store, draft_id)
    apply(store, ClearRecovery(new_id(), ACTOR, draft_id))
    assert count(store, AppliedCommand) == 0


def test_recording_recovery_is_one_upsert(store):
    draft_id = new_id()
    record(store, draft_id)
    statements = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        record(store, draft_id, body_html="<p>又改了</p>")
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    work = [s for s in statements if not s.startswith("BEGIN")]
    assert len(work) == 1
    assert work[0].startswith("INSERT INTO recoveries") and "ON CONFLICT" in work[0]


def test_recording_recovery_of_a_100000_character_draft_takes_under_5_ms(store):
    draft_id = new_id()
    body = "<p>" + "政务公开专项检查。" * 11_112 + "</p>"
    assert len(body) > 100_000
    timings = []
    for i in range(21):
        started = time.perf_counter()
        record(store, draft_id, body_html=body + str(i))
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.005


# --- the draft list --------------------------------------------------------------------


def test_search_finds_a_cjk_substring_of_the_title_or_the_text(store):
    notice = create(store).draft_id
    weather = create(store, title="防汛防台工作提示", body_text="请各单位做好值班值守。").draft_id
    create(store, title="Desk User Guide", body_text="ABC 操作说明")
    assert [d.id for d in list_drafts(store, search="专项检查")] == [notice]
    assert [d.id for d in list_drafts(store, search="值班")] == [weather]
    assert [d.title for d in list_drafts(store, search="user guide")] == ["Desk User Guide"]
    full_width = list_drafts(store, search="ａｂｃ")
    assert [d.title for d in full_width] == ["Desk User Guide"]
    assert list_drafts(store, search="不存在的词") == []
    assert list_drafts(store, search="%") == []  # no LIKE wildcards
    assert len(list_drafts(store, search="  ")) == len(list_drafts(store)) == 3


@pytest.mark.parametrize(
    ("title", "body_text"),
    [
        ("通知", "严禁参与百*家*乐等赌博活动"),
        ("通知", "严禁参与百 家 乐等赌博活动"),
        ("通知", "严禁参与百家樂等赌博活动"),
        ("通知", "严禁参与百\u200b家－乐等赌博活动"),
        ("关于百·家·乐的通报", "正文"),
    ],
)
def test_search_folds_evasions_as_the_check_does(store, title, body_text):
    found = create(store, title=title, body_text=body_text).draft_id
    create(store, title="百家", body_text="乐")  # the letters, but not together
    assert [d.id for d in list_drafts(store, search="百家乐")] == [found]
    assert [d.id for d in list_drafts(store, search="百家樂")] == [found]  # the needle too
    assert [d.id for d in list_drafts(store, search="百 家 乐")] == [found]


def test_search_looks_at_the_current_text_only(store):
    draft_id = create(store, body_text="旧的说法").draft_id
    save(store, draft_id, body_text="新的说法")
    assert list_drafts(store, search="旧的") == []
    assert [d.id for d in list_drafts(store, search="新的")] == [draft_id]


def test_the_list_shows_title_status_and_last_change_most_recent_first(store):
    first = create(store, title="第一篇")
    second = create(store, title="第二篇")
    changed = save(store, first.draft_id, title="第一篇（改）")
    summaries = list_drafts(store)
    assert [(d.id, d.title, d.status) for d in summaries] == [
        (first.draft_id, "第一篇（改）", "draft"),
        (second.draft_id, "第二篇", "draft"),
    ]
    assert summaries[0].updated_at == changed.created_at
    assert summaries[0].created_by == ACTOR


def test_loading_an_unknown_draft_raises_draft_not_found(store):
    with pytest.raises(DraftNotFound, match="不存在"):
        load_draft(store, new_id())


# --- commands themselves ---------------------------------------------------------------


def test_keys_are_version_4_uuids():
    assert new_id().version == 4
    assert new_id() != new_id()


def test_a_command_needs_an_actor_and_a_uuid_command_id():
    with pytest.raises(CommandRejected, match="操作人"):
        ClearRecovery(new_id(), "  ", DRAFT)
    with pytest.raises(CommandRejected, match="command_id"):
        ClearRecovery(str(new_id()), ACTOR, DRAFT)


def test_commands_are_frozen():
    with pytest.raises(AttributeError):
        SAMPLES[0].title = "改"


def test_apply_refuses_what_is_not_a_command(store):
    with pytest.raises(TypeError):
        apply(store, {"command": "CreateDraft"})
