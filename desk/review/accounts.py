"""Domain commands on units, accounts and delegations, registered with ``apply``.

Commands carry role ids (``parse_role`` turns what people type into them) and password
hashes, never a password; and the journal, kept forever, keeps not even the hash: only
its seal (``Command.secret_fields``). The administrative ones (units,
accounts, others' passwords and delegations) are refused unless the actor is an active
admin's login (``desk.review.directory.admin_refusal``); the local command line
(``cli:<OS user>``) is no exception. Two ways in exist while a store has no admin: on an
empty store (no account at all) anyone may create the first account, which must hold the
admin role; on a store with accounts but no active admin, the local command line may
RecoverAdmin (a new admin account, journaled as a recovery). Passwords and delegations
may also be handled by the person concerned.

Names are tidied and bounded (``desk.review.names``): a login is stored normalized, and
a login, a unit name or a delegation already there under a look-alike is refused.

Invariants the handlers keep: a unit's leader is active and holds review3; at least one
active admin remains once there is one; a delegation is from an active holder of the
level to another active account.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.review import passwords
from desk.review.commands import Command, no_replay, register
from desk.review.directory import (
    AccountView,
    DelegationView,
    UnitView,
    account_view,
    active_admins,
    admin_refusal,
    delegation_view,
    find_account,
    has_accounts,
    login_owner,
    person,
    unit_view,
)
from desk.review.errors import CommandRejected
from desk.review.names import (
    LOGIN_MAX_LENGTH,
    PERSON_NAME_MAX_LENGTH,
    REASON_MAX_LENGTH,
    UNIT_NAME_MAX_LENGTH,
    check_login,
    check_name,
    name_key,
    tidy,
)
from desk.review.replay_mode import replaying
from desk.review.roles import CLI_ACTOR_PREFIX, LEVEL_LABELS, LEVELS, ROLES
from desk.store.models import Account, Delegation, Unit

# The longest a delegation with an end may run: a leave or a secondment, renewed if it
# lasts longer. (A later day than this also keeps date arithmetic far from year 9999.)
MAX_DELEGATION = timedelta(days=366)


def local_time(moment: datetime) -> str:
    """``moment`` in this computer's time zone, to the minute, for messages."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def last_delegation_day(starts: datetime) -> date:
    """The last day (local time) a delegation starting at ``starts`` may run through."""
    return (starts + MAX_DELEGATION).astimezone().date() - timedelta(days=1)


def delegation_end(last_day: date, starts: datetime) -> datetime:
    """When a delegation starting at ``starts`` and running through ``last_day`` ends:
    the local midnight after that day. CommandRejected for a day in the past or past
    `last_delegation_day`."""
    if last_day < starts.astimezone().date():
        raise CommandRejected(f"截止日期 {last_day.isoformat()} 已经过去")
    latest = last_delegation_day(starts)
    if last_day > latest:
        raise CommandRejected(
            f"委托最长 {MAX_DELEGATION.days} 天，截止日期最晚为 {latest.isoformat()}；"
            "到期后可以再次委托"
        )
    return datetime.combine(last_day + timedelta(days=1), time()).astimezone()


# --- commands ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CreateUnit(Command):
    """A new 部门/科室, without a leader yet."""

    name: ClassVar[str] = "CreateUnit"

    unit_id: uuid.UUID
    unit_name: str

    def validate(self) -> None:
        check_name(self.unit_name, "部门名称", UNIT_NAME_MAX_LENGTH)


@dataclass(frozen=True, slots=True)
class SetUnitLeader(Command):
    """Make an account holding review3 the unit's 分管领导 (None: no leader)."""

    name: ClassVar[str] = "SetUnitLeader"

    unit_id: uuid.UUID
    account_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class CreateAccount(Command):
    """A new, active account. ``login`` normalized (``names.normalize_login``),
    ``password_hash`` from ``passwords.hash_password``."""

    name: ClassVar[str] = "CreateAccount"
    secret_fields: ClassVar[tuple[str, ...]] = ("password_hash",)

    account_id: uuid.UUID
    login: str
    full_name: str
    unit_id: uuid.UUID | None
    roles: list[str]  # role ids
    password_hash: str

    def validate(self) -> None:
        check_login(self.login)
        check_name(self.full_name, "姓名", PERSON_NAME_MAX_LENGTH)
        _check_roles(self.roles)
        _check_hash(self.password_hash)


@dataclass(frozen=True, slots=True)
class RecoverAdmin(CreateAccount):
    """A new admin account for a store that has accounts but no active admin (made so by
    an old version, or by hand): only from the local command line, whose user can write
    the data folder (``desk admin recover-admin``), and journaled as what it is."""

    name: ClassVar[str] = "RecoverAdmin"

    def validate(self) -> None:
        CreateAccount.validate(self)  # not super(): slots=True makes a new class
        if "admin" not in self.roles:
            raise CommandRejected("恢复管理员时新建的账号必须有管理员角色")


@dataclass(frozen=True, slots=True)
class UpdateAccount(Command):
    """Replace an account's name, unit, roles and whether it is active (the full state,
    so that a replayed command means the same everywhere)."""

    name: ClassVar[str] = "UpdateAccount"

    account_id: uuid.UUID
    full_name: str
    unit_id: uuid.UUID | None
    roles: list[str]
    active: bool

    def validate(self) -> None:
        check_name(self.full_name, "姓名", PERSON_NAME_MAX_LENGTH)
        _check_roles(self.roles)


@dataclass(frozen=True, slots=True)
class SetPassword(Command):
    """A new password (its hash); also lifts a lockout."""

    name: ClassVar[str] = "SetPassword"
    secret_fields: ClassVar[tuple[str, ...]] = ("password_hash",)

    account_id: uuid.UUID
    password_hash: str

    def validate(self) -> None:
        _check_hash(self.password_hash)


@dataclass(frozen=True, slots=True)
class RecordLogin(Command):
    """A login attempt: failures in a row lock the account, a success resets the count.

    Applied by ``desk.review.login.authenticate``; journaled, so logins are audited.
    """

    name: ClassVar[str] = "RecordLogin"

    account_id: uuid.UUID
    succeeded: bool


@dataclass(frozen=True, slots=True)
class RecordUnknownLogin(Command):
    """A failed login with a login no account has: journaled like a failed RecordLogin,
    so that guessing at logins shows in the audit log. ``login``: as typed, normalized
    and cut to ``LOGIN_MAX_LENGTH``."""

    name: ClassVar[str] = "RecordUnknownLogin"

    login: str

    def validate(self) -> None:
        if not self.login or len(self.login) > LOGIN_MAX_LENGTH:
            raise CommandRejected(f"登录名应为 1 至 {LOGIN_MAX_LENGTH} 个字符")


@dataclass(frozen=True, slots=True)
class Delegate(Command):
    """代理: ``to_account_id`` reviews at ``level`` for ``from_account_id`` from
    ``starts_at`` until ``ends_at`` (ISO 8601 with a UTC offset; None: until revoked)."""

    name: ClassVar[str] = "Delegate"

    delegation_id: uuid.UUID
    from_account_id: uuid.UUID
    to_account_id: uuid.UUID
    level: str
    starts_at: str
    ends_at: str | None
    reason: str

    def validate(self) -> None:
        if self.level not in LEVELS:
            known = "、".join(f"{level}（{label}）" for level, label in LEVEL_LABELS.items())
            raise CommandRejected(f"未知审核级别 {self.level!r}，可选：{known}")
        if self.from_account_id == self.to_account_id:
            raise CommandRejected("不能委托给自己")
        check_name(self.reason, "委托理由", REASON_MAX_LENGTH)
        starts, ends = self.window()
        if ends is not None and ends <= starts:
            raise CommandRejected("委托的结束时间必须晚于开始时间")
        if ends is not None and ends - starts > MAX_DELEGATION:
            raise CommandRejected(
                f"委托最长 {MAX_DELEGATION.days} 天，请把结束时间定在 "
                f"{local_time(starts + MAX_DELEGATION)} 以前；到期后可以再次委托"
            )

    def window(self) -> tuple[datetime, datetime | None]:
        """``starts_at`` and ``ends_at`` as timezone-aware datetimes."""
        ends = _parse_time(self.ends_at, "结束时间") if self.ends_at is not None else None
        return _parse_time(self.starts_at, "开始时间"), ends


@dataclass(frozen=True, slots=True)
class RevokeDelegation(Command):
    """End a delegation now."""

    name: ClassVar[str] = "RevokeDelegation"

    delegation_id: uuid.UUID


# --- handlers: each runs inside apply's transaction -----------------------------------


def _create_unit(
    session: Session, command: CreateUnit, now: datetime
) -> tuple[UnitView, uuid.UUID]:
    _require_admin(session, command.actor, "创建部门")
    name = tidy(command.unit_name)
    if session.get(Unit, command.unit_id) is not None:
        raise CommandRejected(f"部门编号 {command.unit_id} 已存在")
    key = name_key(name)
    for existing in session.scalars(select(Unit.name)):
        if name_key(existing) == key and not (replaying(session) and existing != name):
            same = (
                ""
                if existing == name
                else f"（与现有的“{existing}”只差大小写、全半角或不可见字符）"
            )
            raise CommandRejected(f"部门“{name}”已存在{same}")
    unit = Unit(id=command.unit_id, name=name, leader_id=None, created_at=now)
    session.add(unit)
    return unit_view(unit), unit.id


def _set_unit_leader(
    session: Session, command: SetUnitLeader, now: datetime
) -> tuple[UnitView, uuid.UUID]:
    _require_admin(session, command.actor, "设置分管领导")
    unit = _unit(session, command.unit_id)
    if command.account_id is not None:
        leader = _account(session, command.account_id)
        if not leader.active:
            raise CommandRejected(f"{person(leader)}的账号已停用，不能担任分管领导")
        if "review3" not in leader.roles:
            raise CommandRejected(f"{person(leader)}没有“{ROLES['review3']}”角色，不能担任分管领导")
    unit.leader_id = command.account_id
    return unit_view(unit), unit.id


def _create_account(
    session: Session, command: CreateAccount, now: datetime
) -> tuple[AccountView, uuid.UUID]:
    first_admin = not has_accounts(session) and "admin" in command.roles
    if not first_admin:
        _require_admin(session, command.actor, "创建账号")
    return _new_account(session, command, now)


def _recover_admin(
    session: Session, command: RecoverAdmin, now: datetime
) -> tuple[AccountView, uuid.UUID]:
    if not command.actor.startswith(CLI_ACTOR_PREFIX):
        raise CommandRejected(
            "恢复管理员只能在本机命令行进行（desk admin recover-admin），须能写入数据文件夹"
        )
    if not has_accounts(session):
        raise CommandRejected("数据库中还没有账号，无需恢复：直接创建管理员账号即可")
    admins = active_admins(session)
    if admins:
        names = "、".join(f"{admin.name}（{admin.login}）" for admin in admins)
        raise CommandRejected(f"已有启用的管理员 {names}，不能再用恢复方式新建管理员")
    return _new_account(session, command, now)


def _new_account(
    session: Session, command: CreateAccount, now: datetime
) -> tuple[AccountView, uuid.UUID]:
    if session.get(Account, command.account_id) is not None:
        raise CommandRejected(f"账号编号 {command.account_id} 已存在")
    taken = login_owner(session, command.login)
    if taken is not None:
        same = "" if taken.login == command.login else f"（与现有的 {taken.login} 视为同一登录名）"
        raise CommandRejected(f"登录名 {command.login} 已被使用{same}")
    if command.unit_id is not None:
        _unit(session, command.unit_id)
    account = Account(
        id=command.account_id,
        login=command.login,
        name=tidy(command.full_name),
        unit_id=command.unit_id,
        roles=list(command.roles),
        password_hash=command.password_hash,
        failed_logins=0,
        locked_until=None,
        active=True,
        created_at=now,
    )
    session.add(account)
    return account_view(session, account), account.id


def _update_account(
    session: Session, command: UpdateAccount, now: datetime
) -> tuple[AccountView, uuid.UUID]:
    _require_admin(session, command.actor, "修改账号")
    account = _account(session, command.account_id)
    if command.unit_id is not None:
        _unit(session, command.unit_id)
    if not command.active or "review3" not in command.roles:
        led = session.scalars(select(Unit.name).where(Unit.leader_id == account.id)).all()
        if led:
            raise CommandRejected(
                f"{person(account)}是{'、'.join(led)}的分管领导，"
                "请先更换分管领导，再停用账号或取消其三审签发角色"
            )
    drops_admin = not command.active or "admin" not in command.roles
    if drops_admin and active_admins(session) == [account]:
        raise CommandRejected("至少要保留一个启用的管理员账号")
    account.name = tidy(command.full_name)
    account.unit_id = command.unit_id
    account.roles = list(command.roles)
    account.active = command.active
    return account_view(session, account), account.id


def _set_password(
    session: Session, command: SetPassword, now: datetime
) -> tuple[AccountView, uuid.UUID]:
    account = _account(session, command.account_id)
    if command.actor != account.login:
        _require_admin(session, command.actor, "重置他人的密码")
    account.password_hash = command.password_hash
    account.failed_logins = 0
    account.locked_until = None
    return account_view(session, account), account.id


def _record_login(
    session: Session, command: RecordLogin, now: datetime
) -> tuple[AccountView, uuid.UUID]:
    account = _account(session, command.account_id)
    if command.actor != account.login:
        raise CommandRejected("登录记录只能由登录者本人产生")
    if not account.active and command.succeeded:
        raise CommandRejected(f"{person(account)}的账号已停用")
    locked_until = account.locked_until
    if locked_until is not None and now < locked_until:
        if command.succeeded:
            raise CommandRejected(f"账号已锁定至 {local_time(locked_until)}，请稍后再试")
        # a failure while locked changes nothing: the lock is not extended
    elif command.succeeded:
        account.failed_logins = 0
        account.locked_until = None
    else:
        before = 0 if locked_until is not None else account.failed_logins  # a lock expired
        account.failed_logins = before + 1
        locks = account.failed_logins >= passwords.MAX_FAILED_LOGINS
        account.locked_until = now + passwords.LOCKOUT if locks else None
    return account_view(session, account), account.id


def _record_unknown_login(
    session: Session, command: RecordUnknownLogin, now: datetime
) -> tuple[None, None]:
    if find_account(session, command.login) is not None:
        raise CommandRejected(f"登录名 {command.login} 属于一个账号，登录记录应为 RecordLogin")
    return None, None


def _delegate(
    session: Session, command: Delegate, now: datetime
) -> tuple[DelegationView, uuid.UUID]:
    delegator = _account(session, command.from_account_id)
    if command.actor != delegator.login:
        _require_admin(session, command.actor, "替他人设置委托")
    if session.get(Delegation, command.delegation_id) is not None:
        raise CommandRejected(f"委托编号 {command.delegation_id} 已存在")
    delegate = _account(session, command.to_account_id)
    level = LEVEL_LABELS[command.level]
    if not delegator.active:
        raise CommandRejected(f"委托人{person(delegator)}的账号已停用")
    if command.level not in delegator.roles:
        raise CommandRejected(f"{person(delegator)}没有{level}权限，无从委托")
    if not delegate.active:
        raise CommandRejected(f"受委托人{person(delegate)}的账号已停用")
    starts, ends = command.window()
    if ends is not None and ends <= now:
        raise CommandRejected(f"委托的结束时间 {local_time(ends)} 已经过去")
    for running in (
        ()
        if replaying(session)
        else session.scalars(
            select(Delegation).where(
                Delegation.from_account_id == delegator.id,
                Delegation.to_account_id == delegate.id,
                Delegation.level == command.level,
                Delegation.revoked_at.is_(None),
            )
        )
    ):
        if _overlap(running.starts_at, running.ends_at, starts, ends):
            until = local_time(running.ends_at) if running.ends_at is not None else "撤销"
            raise CommandRejected(
                f"{person(delegate)}已受{person(delegator)}委托代行{level}"
                f"（{local_time(running.starts_at)} 至 {until}，委托编号 {running.id}），"
                "期间重叠；如需改期，请先撤销原委托"
            )
    delegation = Delegation(
        id=command.delegation_id,
        from_account_id=delegator.id,
        to_account_id=delegate.id,
        level=command.level,
        starts_at=starts,
        ends_at=ends,
        reason=tidy(command.reason),
        created_by=command.actor,
        revoked_at=None,
    )
    session.add(delegation)
    return delegation_view(delegation), delegation.id


def _revoke_delegation(
    session: Session, command: RevokeDelegation, now: datetime
) -> tuple[DelegationView, uuid.UUID]:
    delegation = session.get(Delegation, command.delegation_id)
    if delegation is None:
        raise CommandRejected(f"委托 {command.delegation_id} 不存在")
    if command.actor != session.get_one(Account, delegation.from_account_id).login:
        _require_admin(session, command.actor, "撤销他人的委托")
    if delegation.revoked_at is not None:
        raise CommandRejected(f"委托已于 {local_time(delegation.revoked_at)} 撤销")
    delegation.revoked_at = now
    return delegation_view(delegation), delegation.id


def _replay_unit(session: Session, result_id: uuid.UUID | None) -> UnitView:
    return unit_view(session.get_one(Unit, result_id))


def _replay_account(session: Session, result_id: uuid.UUID | None) -> AccountView:
    return account_view(session, session.get_one(Account, result_id))


def _replay_delegation(session: Session, result_id: uuid.UUID | None) -> DelegationView:
    return delegation_view(session.get_one(Delegation, result_id))


register(CreateUnit, _create_unit, _replay_unit)
register(SetUnitLeader, _set_unit_leader, _replay_unit)
register(CreateAccount, _create_account, _replay_account)
register(RecoverAdmin, _recover_admin, _replay_account)
register(UpdateAccount, _update_account, _replay_account)
register(SetPassword, _set_password, _replay_account)
register(RecordLogin, _record_login, _replay_account)
register(RecordUnknownLogin, _record_unknown_login, no_replay)
register(Delegate, _delegate, _replay_delegation)
register(RevokeDelegation, _revoke_delegation, _replay_delegation)


# --- lookups and checks --------------------------------------------------------------


def _unit(session: Session, unit_id: uuid.UUID) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise CommandRejected(f"部门 {unit_id} 不存在")
    return unit


def _account(session: Session, account_id: uuid.UUID) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise CommandRejected(f"账号 {account_id} 不存在")
    return account


def _require_admin(session: Session, actor: str, doing: str) -> None:
    refusal = admin_refusal(session, actor, doing)
    if refusal is not None:
        raise CommandRejected(refusal)


def _overlap(
    starts: datetime, ends: datetime | None, other_starts: datetime, other_ends: datetime | None
) -> bool:
    """Whether two periods (an end of None: until revoked) share a moment."""
    return (other_ends is None or starts < other_ends) and (ends is None or other_starts < ends)


def _check_roles(roles: list[str]) -> None:
    if not roles:
        raise CommandRejected("账号至少需要一个角色")
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        known = "、".join(f"{role}（{label}）" for role, label in ROLES.items())
        raise CommandRejected(f"未知角色 {'、'.join(unknown)}，可选：{known}")
    if len(set(roles)) != len(roles):
        raise CommandRejected(f"角色重复：{'、'.join(roles)}")


def _check_hash(password_hash: str) -> None:
    if not passwords.is_hash(password_hash):
        raise CommandRejected("命令只能携带密码的 argon2 哈希，不能携带密码本身")


def _parse_time(text: str, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CommandRejected(f"委托的{what}不是 ISO 8601 时间：{text!r}") from None
    if moment.tzinfo is None:
        raise CommandRejected(f"委托的{what}缺少时区：{text!r}")
    return moment
