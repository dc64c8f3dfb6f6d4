"""Domain commands: the only way the store changes.

A command is a frozen dataclass naming who (``actor``) does what, with its own
``command_id``; ``apply(store, command)`` carries it out in one transaction. Commands
are plain data so the same ones can later be pushed to a shared server and replayed
offline: ``to_json()`` / ``command_from_json()`` round-trip them, and applying a command
whose id the store has seen before changes nothing and returns what the first
application returned (a different command under a reused id is rejected).

Rows a command creates take the command's id as their own (a revision is identified by
the SaveRevision that made it), so every replica that applies it ends up with the same
keys.

The journal (desk.store.audit) is the record: ``replay`` applies its commands again,
through the same handlers, to rebuild every table from it (desk.review.verified compares
the two). A command's secret fields (a password's verifier) are journaled sealed
(``journal_json``), and what the domain judged rather than was told (the re-check's
findings) is recorded with the entry (``judged``), which a replay takes as given.

RecordRecovery and ClearRecovery manage this machine's crash-recovery snapshots of
unsaved text, one per draft and person (the actor, who alone is offered it). They run
many times a minute, so they are not journaled (and not meant for syncing): a single
upsert or delete each. The snapshots are this desk's convenience, not part of the
record: a replay does not rebuild them.

Invalid commands raise CommandRejected (a Chinese message for the user) at
construction or when applied; store failures raise desk.store.StoreError.
"""

from __future__ import annotations

import dataclasses
import importlib
import itertools
import typing
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, overload

from sqlalchemy import delete, event, exc, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from desk.render import content_hash
from desk.review.directory import drafting_refusal
from desk.review.drafts import (
    IgnoredFindingView,
    RevisionSummary,
    ignored_view,
    revision_summary,
)
from desk.review.errors import CommandRejected
from desk.review.findings import Finding
from desk.review.replay_mode import REPLAYING, replaying
from desk.review.stages import after_edit, editing_stage
from desk.store import Store, audit
from desk.store.models import (
    AppliedCommand,
    Draft,
    IgnoredFinding,
    Recovery,
    ReviewAction,
    Revision,
)

if TYPE_CHECKING:
    from desk.review.recheck import DraftChecker

REVISION_REASONS = ("save", "autosave", "import")
FIELDS = ("title", "body")
DRAFT_STATUS = "draft"
_CHECKER = "desk.checker"  # key of the store's checker in the session's info
_JUDGED = "desk.judged"  # … of what the domain judged for the command (see `judged`)
_Judgement = typing.TypeVar("_Judgement")


@dataclass(frozen=True, slots=True)
class _Handler:
    run: Callable[[Session, Any, datetime], tuple[Any, uuid.UUID | None]]
    replay: Callable[[Session, uuid.UUID | None], Any]


def new_id() -> uuid.UUID:
    """A fresh key for a command or a draft."""
    return uuid.uuid4()


@dataclass(frozen=True, slots=True)
class Command:
    """What every command carries. Subclasses add their fields and a ``name``."""

    name: ClassVar[str]
    journaled: ClassVar[bool] = True  # recorded in applied_commands, replayable by id
    secret_fields: ClassVar[tuple[str, ...]] = ()  # journaled as their seal only

    command_id: uuid.UUID
    actor: str

    def __post_init__(self) -> None:
        for field, hint in _field_types(type(self)).items():
            _check_type(self.name, field, getattr(self, field), hint)
        if not self.actor.strip():
            raise CommandRejected(f"命令 {self.name} 缺少操作人")
        self.validate()

    def validate(self) -> None:
        """Further checks of one command's fields (types are already checked)."""

    def to_json(self) -> dict[str, Any]:
        """``{"command": name, field: value, …}`` with UUIDs as canonical strings."""
        data: dict[str, Any] = {"command": self.name}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            data[field.name] = str(value) if isinstance(value, uuid.UUID) else value
        return data

    def journal_json(self) -> dict[str, Any]:
        """``to_json()`` as the journal keeps it: each secret field sealed
        (desk.store.audit.seal), so no copy of the log holds a secret."""
        data = self.to_json()
        for field in self.secret_fields:
            data[field] = audit.seal(data[field])
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> typing.Self:
        """The command ``to_json`` gave; CommandRejected for anything else."""
        return cls(**cls._json_values(data))

    @classmethod
    def from_journal(cls, payload: Mapping[str, Any]) -> typing.Self:
        """The command a journal entry recorded, as it was applied: its fields' types are
        checked, its rules (``validate``) are not run again (they were when it was
        applied, and a rule added since must not refuse the record), and its secret
        fields hold their seals. CommandRejected if the payload is no such command."""
        values = cls._json_values(payload)
        command = object.__new__(cls)
        hints = _field_types(cls)
        for field in dataclasses.fields(cls):
            value = values.get(field.name, field.default)
            _check_type(cls.name, field.name, value, hints[field.name])
            object.__setattr__(command, field.name, value)
        return command

    @classmethod
    def _json_values(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        """The fields of a ``to_json()`` dict, UUIDs parsed; CommandRejected if it has
        other fields or lacks one."""
        if not isinstance(data, Mapping):
            raise CommandRejected("命令应为 JSON 对象")
        if data.get("command") != cls.name:
            raise CommandRejected(f"不是 {cls.name} 命令：{data.get('command')!r}")
        fields = {field.name: field for field in dataclasses.fields(cls)}
        unknown = sorted(set(data) - set(fields) - {"command"})
        if unknown:
            raise CommandRejected(f"命令 {cls.name} 含有未知字段：{'、'.join(unknown)}")
        missing = sorted(
            name
            for name, field in fields.items()
            if name not in data and field.default is dataclasses.MISSING
        )
        if missing:
            raise CommandRejected(f"命令 {cls.name} 缺少字段：{'、'.join(missing)}")
        types = _field_types(cls)
        return {
            name: _parse_uuid(cls.name, name, value)
            if uuid.UUID in (types[name], *typing.get_args(types[name]))
            else value
            for name, value in data.items()
            if name != "command"
        }


@dataclass(frozen=True, slots=True)
class _RevisionCommand(Command):
    """A command that stores the draft's text as a revision."""

    draft_id: uuid.UUID
    title: str
    body_html: str
    body_text: str  # the body's plain text, as the checks see it
    reason: str = "save"  # "save", "autosave" or "import" (a draft made from a file)

    def validate(self) -> None:
        _check_revision_reason(self.reason)


@dataclass(frozen=True, slots=True)
class CreateDraft(_RevisionCommand):
    """A new draft with its first revision (number 1). ``draft_id`` is made by the caller.

    Only someone who may draft (desk.review.directory.drafting_refusal) creates one."""

    name: ClassVar[str] = "CreateDraft"


@dataclass(frozen=True, slots=True)
class SaveRevision(_RevisionCommand):
    """Save the draft's text as a new revision; the same text as now saves nothing. Only
    who may change the text now may (``stages.editing_stage``)."""

    name: ClassVar[str] = "SaveRevision"


@dataclass(frozen=True, slots=True)
class DeleteDraft(Command):
    """Delete a draft that was never submitted, with its revisions, its ignored findings
    and its recovery snapshots; only its author may. The journal keeps this command and
    the ones that wrote the draft: it is the audit log."""

    name: ClassVar[str] = "DeleteDraft"

    draft_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class IgnoreFinding(Command):
    """Let one finding stand in one place, with a reason reviewers will see. Only who may
    change the text now may (``stages.editing_stage``): the drafter while it is a draft,
    a reviewer of the current level during review; the ignore is journaled and names
    them."""

    name: ClassVar[str] = "IgnoreFinding"

    draft_id: uuid.UUID
    rule: str
    field: str  # "title" or "body"
    start: int  # code-point offsets into the field's plain text, as in Finding
    end: int
    text: str
    term: str | None
    reason: str  # required, not blank

    def validate(self) -> None:
        if not self.reason.strip():
            raise CommandRejected("忽略提示必须填写理由")
        if not self.rule.strip():
            raise CommandRejected("忽略提示缺少规则编号")
        if self.field not in FIELDS:
            raise CommandRejected(f"字段只能是 title 或 body，收到 {self.field!r}")
        if not 0 <= self.start <= self.end:
            raise CommandRejected(f"位置无效：{self.start}–{self.end}")

    @classmethod
    def for_finding(
        cls,
        finding: Finding,
        *,
        command_id: uuid.UUID,
        actor: str,
        draft_id: uuid.UUID,
        reason: str,
    ) -> IgnoreFinding:
        """The command that ignores ``finding`` (from ``desk.review.check``) here."""
        return cls(
            command_id=command_id,
            actor=actor,
            draft_id=draft_id,
            rule=finding.rule,
            field=finding.field,
            start=finding.start,
            end=finding.end,
            text=finding.text,
            term=finding.term,
            reason=reason,
        )


@dataclass(frozen=True, slots=True)
class RecordRecovery(Command):
    """Autosave the editor's unsaved text for crash recovery (replaces the actor's last
    snapshot of the draft; the snapshot is the actor's, offered to them alone).

    ``draft_id``: the draft being edited, or for a new draft the id its CreateDraft
    will use.
    """

    name: ClassVar[str] = "RecordRecovery"
    journaled: ClassVar[bool] = False

    draft_id: uuid.UUID
    title: str
    body_html: str


@dataclass(frozen=True, slots=True)
class ClearRecovery(Command):
    """Drop the actor's recovery snapshot of the draft: after a successful save, or when
    discarded. Others' snapshots of the draft stay theirs."""

    name: ClassVar[str] = "ClearRecovery"
    journaled: ClassVar[bool] = False

    draft_id: uuid.UUID


# Every command by name, and how each is carried out: filled by `register`, here for
# the draft commands, in the modules of `_REGISTERING` for theirs (imported on first
# use, so that `desk check` does not load argon2 and the workflow).
_REGISTERING = ("desk.review.accounts", "desk.review.workflow")
COMMANDS: dict[str, type[Command]] = {}
_HANDLERS: dict[type[Command], _Handler] = {}


def register(
    command_type: type[Command],
    run: Callable[[Session, Any, datetime], tuple[Any, uuid.UUID | None]],
    replay: Callable[[Session, uuid.UUID | None], Any],
) -> None:
    """Make ``command_type`` appliable: ``run(session, command, now)`` carries it out
    in apply's transaction and returns (result, id of the row it made or None);
    ``replay(session, that id)`` returns the same result again for a repeated command."""
    COMMANDS[command_type.name] = command_type
    _HANDLERS[command_type] = _Handler(run, replay)


@cache
def _register_all() -> None:
    for module in _REGISTERING:
        importlib.import_module(module)


def command_from_json(data: Mapping[str, Any]) -> Command:
    """The command a ``to_json()`` dict describes; CommandRejected if it describes none."""
    _register_all()
    if not isinstance(data, Mapping):
        raise CommandRejected("命令应为 JSON 对象")
    cls = COMMANDS.get(data.get("command"))  # type: ignore[arg-type]
    if cls is None:
        raise CommandRejected(f"未知命令：{data.get('command')!r}")
    return cls.from_json(data)


@overload
def apply(store: Store, command: CreateDraft | SaveRevision) -> RevisionSummary: ...
@overload
def apply(store: Store, command: IgnoreFinding) -> IgnoredFindingView: ...
@overload
def apply(store: Store, command: RecordRecovery | ClearRecovery | DeleteDraft) -> None: ...
@overload
def apply(store: Store, command: Command) -> Any: ...
def apply(store: Store, command: Command) -> Any:
    """Carry out ``command`` in one transaction and return its result.

    CreateDraft / SaveRevision → the draft's current revision (for a save of unchanged
    text, the existing one); IgnoreFinding → the ignored finding; DeleteDraft and the
    recovery commands → None. A journaled command applied before returns its first result
    again. Handlers reach the store's checker through ``attached_checker(session)``.
    """
    return apply_decided(store, lambda session, now: [command])[0]


def apply_decided(
    store: Store, decide: Callable[[Session, datetime], Sequence[Command]]
) -> list[Any]:
    """Apply the commands ``decide(session, now)`` picks, reading the store in the same
    write transaction they are applied in; their results. For a decision nobody may
    change in between: desk.review.login judges a login and records it at once, so that
    parallel guesses are counted one after the other."""
    now = store.clock()
    with store.session() as session:
        session.info[_CHECKER] = store.checker
        return [_apply_in(session, command, now) for command in decide(session, now)]


def _apply_in(session: Session, command: Command, now: datetime) -> Any:
    handler = _HANDLERS.get(type(command))
    if handler is None:
        raise TypeError(f"not a domain command: {command!r}")
    session.info[_JUDGED] = {}
    if command.journaled:
        done = session.get(AppliedCommand, command.command_id)
        if done is not None:
            if done.payload != command.journal_json():
                raise CommandRejected(
                    f"命令编号 {command.command_id} 已被另一条内容不同的命令使用，本条未执行"
                )
            return handler.replay(session, done.result_id)
    result, result_id = handler.run(session, command, now)
    if command.journaled:
        _journal(session, command, now, result_id)
    return result


def attached_checker(session: Session) -> DraftChecker | None:
    """The checker of the store ``apply`` runs the handler for (``Store.checker``),
    which handlers have no other way to reach: they are given the session only."""
    return session.info.get(_CHECKER)


def judged(session: Session, key: str, judge: Callable[[], _Judgement | None]) -> _Judgement | None:
    """What the domain judged for the command being carried out, rather than took from
    it: ``judge()`` when the command is applied, recorded with its journal entry under
    ``key`` (unless None); when the journal is replayed, the value recorded then, and
    ``judge`` is not run (the judgement stands as it was made, on what was known then)."""
    made: dict[str, Any] = session.info[_JUDGED]
    if replaying(session):
        return made.get(key)
    value = judge()
    if value is not None:
        made[key] = value
    return value


def _journal(
    session: Session, command: Command, now: datetime, result_id: uuid.UUID | None
) -> None:
    """Append the command to the hash-chained journal (the audit log)."""
    session.flush()
    last = session.execute(
        select(AppliedCommand.seq, AppliedCommand.entry_hash)
        .order_by(AppliedCommand.seq.desc())
        .limit(1)
    ).one_or_none()
    seq, prev_hash = (last[0] + 1, last[1]) if last is not None else (1, audit.GENESIS)
    entry = {
        "seq": seq,
        "id": command.command_id,
        "name": command.name,
        "actor": command.actor,
        "applied_at": now,
        "payload": command.journal_json(),
        "result_id": result_id,
        "content_hash": _content_after(session, command),
        "prev_hash": prev_hash,
        "recorded": session.info[_JUDGED] or None,
        "version": audit.VERSION,
    }
    session.add(AppliedCommand(**entry, entry_hash=audit.entry_hash(**entry)))


def _content_after(session: Session, command: Command) -> str | None:
    """The content hash of the command's draft after it (None if it names no draft)."""
    draft_id = getattr(command, "draft_id", None)
    draft = session.get(Draft, draft_id) if isinstance(draft_id, uuid.UUID) else None
    return session.get_one(Revision, draft.current_revision_id).content_hash if draft else None


# --- replaying the journal -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Replayed:
    """How far a replay went: the last entry it applied, and the entry it stopped at
    (None if it went through) with why, in Chinese."""

    last: audit.Entry | None
    stopped_at: audit.Entry | None = None
    problem: str = ""


def replay(
    store: Store, entries: Iterable[audit.Entry], *, fresh: bool = False, batch: int = 500
) -> Replayed:
    """Apply the journal's ``entries`` again to ``store``, a replica being rebuilt from
    the log (emptied first if ``fresh``): each command through its own handler, at the
    time it was applied, taking what was judged then as given (``judged``; no checker is
    attached). The replica's journal holds only the last entry applied, which says how
    far it goes; entries up to it are skipped, so two programs may catch one replica up
    at once. ``batch`` entries go in one transaction, each in a savepoint, so the
    replica keeps every entry before one that fails.

    Stops at the first entry that is refused or does not give what it recorded: the row
    it returned and the content hash of its draft after it."""
    _register_all()
    if fresh:
        with store.session() as session:
            for table in reversed(AppliedCommand.metadata.sorted_tables):
                session.execute(delete(table))
    pending = iter(entries)
    last = None
    while chunk := list(itertools.islice(pending, batch)):
        with store.session() as session:
            session.info[REPLAYING] = True
            _keep_loaded(session)
            done = session.scalar(select(AppliedCommand.seq)) or 0
            stopped = None
            for entry in chunk:
                problem = "" if entry.seq <= done else _replayed(session, entry)
                if problem:
                    stopped = Replayed(last, entry, problem)
                    break
                last = entry
            if last is not None and last.seq > done:
                session.execute(delete(AppliedCommand))
                session.add(AppliedCommand(**audit.fields(last)))
        if stopped is not None:
            return stopped
    return Replayed(last)


def _keep_loaded(session: Session) -> None:
    """Keep the rows a batch loads in the session (its identity map holds them only while
    something else does), so the next commands find them without asking the database."""
    kept: list[object] = []
    for loaded in ("loaded_as_persistent", "pending_to_persistent"):
        event.listen(session, loaded, lambda _session, instance: kept.append(instance))


def _replayed(session: Session, entry: audit.Entry) -> str:
    """Replay one entry; what went wrong, or ""."""
    if entry.name == audit.AMEND:  # a note in the log, not a command
        return ""
    command_type = COMMANDS.get(entry.name)
    if command_type is None:
        return f"日志中有未知命令 {entry.name}"
    try:
        command = command_type.from_journal(entry.payload)
    except CommandRejected as error:
        return f"命令内容不完整或格式不符：{error}"
    if command.command_id != entry.id or command.actor != entry.actor:
        return "命令编号或操作人与日志记录不符"
    session.info[_JUDGED] = dict(entry.recorded or {})
    try:
        with session.begin_nested():
            _result, result_id = _HANDLERS[command_type].run(session, command, entry.applied_at)
            session.flush()
    except CommandRejected as error:
        return f"命令被拒绝：{error}"
    except exc.IntegrityError:
        return "违反数据约束"
    if result_id != entry.result_id:
        return "所得结果与日志记录的不符"
    if _content_after(session, command) != entry.content_hash:
        return "之后稿件的内容哈希与日志记录的不符"
    return ""


# --- handlers: each runs inside apply's transaction -----------------------------------


def _create_draft(
    session: Session, command: CreateDraft, now: datetime
) -> tuple[RevisionSummary, uuid.UUID]:
    if session.get(Draft, command.draft_id) is not None:
        raise CommandRejected(f"稿件 {command.draft_id} 已存在")
    refusal = drafting_refusal(session, command.actor)
    if refusal is not None:
        raise CommandRejected(refusal)
    revision = _revision(command, number=1, now=now)
    session.add(
        Draft(
            id=command.draft_id,
            status=DRAFT_STATUS,
            current_revision_id=revision.id,  # checked at commit
            created_at=now,
            created_by=command.actor,
            updated_at=now,
        )
    )
    session.flush()  # the draft first: revisions.draft_id is checked at once
    session.add(revision)
    return revision_summary(revision), revision.id


def _save_revision(
    session: Session, command: SaveRevision, now: datetime
) -> tuple[RevisionSummary, uuid.UUID]:
    draft = _draft(session, command.draft_id)
    current = session.get_one(Revision, draft.current_revision_id)
    attributes = current.attributes or None
    if (
        current.content_hash == content_hash(command.title, command.body_html, attributes)
        and current.body_text == command.body_text
    ):
        return revision_summary(current), current.id
    revision = new_revision(
        session, draft, command, command.title, command.body_html, command.body_text,
        current.attributes, now,
    )  # fmt: skip
    return revision_summary(revision), revision.id


def can_delete(store: Store, login: str, draft_id: uuid.UUID) -> bool:
    """Whether ``login`` may delete the draft now (the rule DeleteDraft applies)."""
    with store.read() as session:
        try:
            _deletable(session, draft_id, login)
        except CommandRejected:
            return False
        return True


def _deletable(session: Session, draft_id: uuid.UUID, login: str) -> Draft:
    """The draft, if ``login`` may delete it: theirs, and never submitted."""
    draft = _draft(session, draft_id)
    if draft.created_by != login:
        raise CommandRejected("只有起草人可以删除自己的稿件")
    submitted = session.execute(
        select(ReviewAction.id).where(ReviewAction.draft_id == draft.id).limit(1)
    ).first()
    if draft.status != DRAFT_STATUS or submitted is not None:
        raise CommandRejected("稿件已提交过审核，审核记录须保留，不能删除")
    return draft


def _delete_draft(session: Session, command: DeleteDraft, now: datetime) -> tuple[None, None]:
    draft = _deletable(session, command.draft_id, command.actor)
    for table in (IgnoredFinding, Recovery, Revision):  # the draft's current revision last
        session.execute(delete(table).where(table.draft_id == draft.id))
    session.delete(draft)  # drafts.current_revision_id is checked at commit
    session.flush()
    return None, None


def new_revision(
    session: Session,
    draft: Draft,
    command: Command,
    title: str,
    body_html: str,
    body_text: str,
    attributes: dict[str, str],
    now: datetime,
) -> Revision:
    """The draft's next revision, made by ``command`` (its id becomes the revision's),
    if its actor may change the text now; approvals the change invalidates are voided."""
    stage = editing_stage(session, draft, command.actor, now)
    current = session.get_one(Revision, draft.current_revision_id)
    revision = Revision(
        id=command.command_id,
        draft_id=draft.id,
        number=current.number + 1,
        title=title,
        body_html=body_html,
        body_text=body_text,
        content_hash=content_hash(title, body_html, attributes or None),
        created_at=now,
        author=command.actor,
        reason=command.reason if isinstance(command, SaveRevision) else "save",
        attributes=dict(attributes),
        stage=stage,
    )
    session.add(revision)
    draft.current_revision_id = revision.id
    draft.updated_at = now
    session.flush()
    after_edit(session, draft, stage, command.actor, now)
    return revision


def _ignore_finding(
    session: Session, command: IgnoreFinding, now: datetime
) -> tuple[IgnoredFindingView, uuid.UUID]:
    draft = _draft(session, command.draft_id)
    editing_stage(session, draft, command.actor, now, "忽略提示")
    _not_a_block(session, draft, command)
    existing = session.scalars(
        select(IgnoredFinding).where(
            IgnoredFinding.draft_id == command.draft_id,
            IgnoredFinding.rule == command.rule,
            IgnoredFinding.field == command.field,
            IgnoredFinding.start == command.start,
            IgnoredFinding.end == command.end,
            IgnoredFinding.text == command.text,
        )
    ).one_or_none()
    if existing is not None:  # already ignored here: the first reason stands
        return ignored_view(existing), existing.id
    row = IgnoredFinding(
        id=command.command_id,
        draft_id=command.draft_id,
        rule=command.rule,
        field=command.field,
        start=command.start,
        end=command.end,
        text=command.text,
        term=command.term,
        reason=command.reason,
        actor=command.actor,
        created_at=now,
    )
    session.add(row)
    return ignored_view(row), row.id


def _not_a_block(session: Session, draft: Draft, command: IgnoreFinding) -> None:
    """A 屏蔽 finding must be changed, never ignored: with a checker attached, the
    domain looks the finding up in its own check of the current text."""
    checker = attached_checker(session)
    if checker is None:
        return
    revision = session.get_one(Revision, draft.current_revision_id)
    found = checker.check(revision.title, revision.body_html, revision.body_text)
    spot = (command.rule, command.field, command.start, command.end)
    if any((f.rule, f.field, f.start, f.end) == spot and f.severity == "block" for f in found):
        raise CommandRejected(f"「{command.text}」是屏蔽项，不能忽略，必须修改")


def _record_recovery(session: Session, command: RecordRecovery, now: datetime) -> tuple[None, None]:
    values = {"title": command.title, "body_html": command.body_html, "saved_at": now}
    session.execute(
        insert(Recovery)
        .values(draft_id=command.draft_id, author=command.actor, **values)
        .on_conflict_do_update(index_elements=[Recovery.draft_id, Recovery.author], set_=values)
    )
    return None, None


def _clear_recovery(session: Session, command: ClearRecovery, now: datetime) -> tuple[None, None]:
    session.execute(
        delete(Recovery).where(
            Recovery.draft_id == command.draft_id, Recovery.author == command.actor
        )
    )
    return None, None


def _revision(command: CreateDraft, *, number: int, now: datetime) -> Revision:
    return Revision(
        id=command.command_id,
        draft_id=command.draft_id,
        number=number,
        title=command.title,
        body_html=command.body_html,
        body_text=command.body_text,
        content_hash=content_hash(command.title, command.body_html),
        created_at=now,
        author=command.actor,
        reason=command.reason,
        attributes={},
        stage=DRAFT_STATUS,
    )


def _draft(session: Session, draft_id: uuid.UUID) -> Draft:
    draft = session.get(Draft, draft_id)
    if draft is None:
        raise CommandRejected(f"稿件 {draft_id} 不存在")
    return draft


def _replay_revision(session: Session, result_id: uuid.UUID | None) -> RevisionSummary:
    return revision_summary(_made(session, Revision, result_id))


def _replay_ignored(session: Session, result_id: uuid.UUID | None) -> IgnoredFindingView:
    return ignored_view(_made(session, IgnoredFinding, result_id))


_Made = typing.TypeVar("_Made", Revision, IgnoredFinding)


def _made(session: Session, row_type: type[_Made], row_id: uuid.UUID | None) -> _Made:
    """The row a command made, which is gone if its draft was deleted since."""
    row = session.get(row_type, row_id)
    if row is None:
        raise CommandRejected("这条命令所写的稿件已被删除")
    return row


def no_replay(session: Session, result_id: uuid.UUID | None) -> None:
    """For commands that return nothing."""
    return None


register(CreateDraft, _create_draft, _replay_revision)
register(SaveRevision, _save_revision, _replay_revision)
register(DeleteDraft, _delete_draft, no_replay)
register(IgnoreFinding, _ignore_finding, _replay_ignored)
register(RecordRecovery, _record_recovery, no_replay)
register(ClearRecovery, _clear_recovery, no_replay)


# --- field checks --------------------------------------------------------------------


def _check_revision_reason(reason: str) -> None:
    if reason not in REVISION_REASONS:
        raise CommandRejected(f"保存原因只能是 save、autosave 或 import，收到 {reason!r}")


_TYPE_NAMES = {uuid.UUID: "UUID", str: "字符串", int: "整数", bool: "布尔值"}


@cache
def _field_types(cls: type[Command]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {field.name: hints[field.name] for field in dataclasses.fields(cls)}


def _check_type(command: str, field: str, value: object, hint: Any) -> None:
    if not _fits(value, hint):
        raise CommandRejected(
            f"命令 {command} 的字段 {field} 应为{_type_name(hint)}，收到 {value!r}"
        )


def _fits(value: object, hint: Any) -> bool:
    """Whether a JSON-born value fits a field's type: UUID, str, int, bool, None,
    unions of those, list[...] and dict[str, ...] of them."""
    if hint is Any:  # JSON data the handler checks itself
        return True
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    if origin is dict:
        key, item = typing.get_args(hint)
        return isinstance(value, dict) and all(
            _fits(k, key) and _fits(v, item) for k, v in value.items()
        )
    if origin is not None:  # a union
        return any(_fits(value, kind) for kind in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    # bool is an int to Python, never to a command
    return isinstance(value, hint) and not isinstance(value, bool)


def _type_name(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin is list:
        return f"{_type_name(typing.get_args(hint)[0])}列表"
    if origin is dict:
        return "对象"
    if origin is not None:
        return "或".join(_type_name(kind) for kind in typing.get_args(hint))
    return _TYPE_NAMES.get(hint, "空")


def _parse_uuid(command: str, field: str, value: object) -> object:
    """A UUID from its string form; anything else is left for the type check to reject."""
    if not isinstance(value, str):
        return value
    try:
        return uuid.UUID(value)
    except ValueError:
        raise CommandRejected(f"命令 {command} 的字段 {field} 不是有效的 UUID：{value!r}") from None
