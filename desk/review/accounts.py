"""Domain commands on units, accounts and delegations, registered with ``apply``.

Commands carry role ids (``parse_role`` turns what people type into them) and password
hashes, never a password; and the journal, kept forever, keeps not even the hash: only
its seal (``Command.secret_fields``). The administrative ones
(units, accounts) are refused unless the actor is an active admin's login, the local
command line (``cli:<OS user>``: whoever can run it can open the database anyway) or
anyone while no admin exists yet (the first start). Passwords and delegations may also
be handled by the person concerned.

Invariants the handlers keep: a unit's leader is active and holds review3; at least one
active admin remains once there is one; a delegation is from an active holder of the
level to another active account.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.review import passwords
from desk.review.commands import Command, register
from desk.review.directory import (
    AccountView,
    DelegationView,
    UnitView,
    account_view,
    delegation_view,
    person,
    person_named,
    unit_view,
)
from desk.review.errors import CommandRejected
from desk.review.roles import CLI_ACTOR_PREFIX, LEVEL_LABELS, LEVELS, ROLES
from desk.store.models import Account, Delegation, Unit

LOGIN_MAX_LENGTH = 64


def local_time(moment: datetime) -> str:
    """``moment`` in this computer's time zone, to the minute, for messages."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


# --- commands ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CreateUnit(Command):
    """A new 部门/科室, without a leader yet."""

    name: ClassVar[str] = "CreateUnit"

    unit_id: uuid.UUID
    unit_name: str

    def validate(self) -> None:
        _require_text(self.unit_name, "部门名称")


@dataclass(frozen=True, slots=True)
class SetUnitLeader(Command):
    """Make an account holding review3 the unit's 分管领导 (None: no leader)."""

    name: ClassVar[str] = "SetUnitLeader"

    unit_id: uuid.UUID
    account_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class CreateAccount(Command):
    """A new, active account. ``password_hash`` from ``passwords.hash_password``."""

    name: ClassVar[str] = "CreateAccount"
    secret_fields: ClassVar[tuple[str, ...]] = ("password_hash",)

    account_id: uuid.UUID
    login: str
    full_name: str
    unit_id: uuid.UUID | None
    roles: list[str]  # role ids
    password_hash: str

    def validate(self) -> None:
        _check_login(self.login)
        _require_text(self.full_name, "姓名")
        _check_roles(self.roles)
        _check_hash(self.password_hash)


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
        _require_text(self.full_name, "姓名")
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
        _require_text(self.reason, "委托理由")
        starts, ends = self.window()
        if ends is not None and ends <= starts:
            raise CommandRejected("委托的结束时间必须晚于开始时间")

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
    name = command.unit_name.strip()
    if session.get(Unit, command.unit_id) is not None:
        raise CommandRejected(f"部门编号 {command.unit_id} 已存在")
    if session.scalars(select(Unit).where(Unit.name == name)).first() is not None:
        raise CommandRejected(f"部门“{name}”已存在")
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
    _require_admin(session, command.actor, "创建账号")
    if session.get(Account, command.account_id) is not None:
        raise CommandRejected(f"账号编号 {command.account_id} 已存在")
    if _by_login(session, command.login) is not None:
        raise CommandRejected(f"登录名 {command.login} 已被使用")
    if command.unit_id is not None:
        _unit(session, command.unit_id)
    account = Account(
        id=command.account_id,
        login=command.login,
        name=command.full_name.strip(),
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
    if drops_admin and _active_admins(session) == [account]:
        raise CommandRejected("至少要保留一个启用的管理员账号")
    account.name = command.full_name.strip()
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
    if not account.active:
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
    delegation = Delegation(
        id=command.delegation_id,
        from_account_id=delegator.id,
        to_account_id=delegate.id,
        level=command.level,
        starts_at=starts,
        ends_at=ends,
        reason=command.reason.strip(),
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
register(UpdateAccount, _update_account, _replay_account)
register(SetPassword, _set_password, _replay_account)
register(RecordLogin, _record_login, _replay_account)
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


def _by_login(session: Session, login: str) -> Account | None:
    return session.scalars(select(Account).where(Account.login == login)).one_or_none()


def _active_admins(session: Session) -> list[Account]:
    accounts = session.scalars(select(Account).where(Account.active.is_(True)))
    return [account for account in accounts if "admin" in account.roles]


def _require_admin(session: Session, actor: str, doing: str) -> None:
    if actor.startswith(CLI_ACTOR_PREFIX):
        return
    admins = _active_admins(session)
    if admins and all(admin.login != actor for admin in admins):
        raise CommandRejected(f"只有管理员可以{doing}，{person_named(session, actor)}不是管理员")


def _require_text(value: str, what: str) -> None:
    if not value.strip():
        raise CommandRejected(f"{what}不能为空")


def _check_login(login: str) -> None:
    _require_text(login, "登录名")
    if any(ch.isspace() or ch == ":" for ch in login):
        raise CommandRejected(f"登录名 {login!r} 不能包含空白或冒号")
    if len(login) > LOGIN_MAX_LENGTH:
        raise CommandRejected(f"登录名不能超过 {LOGIN_MAX_LENGTH} 个字符")


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
