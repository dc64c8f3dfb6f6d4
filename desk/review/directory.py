"""Read-only queries on units, accounts and delegations, and who reviews a unit's drafts.

Nothing here writes; accounts change through the commands in ``desk.review.accounts``.
Results are frozen dataclasses detached from the database, safe to hand to another
thread. Password hashes never leave the store through them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, object_session

from desk.review import routing
from desk.review.names import name_key, normalize_login
from desk.review.replay_mode import replaying
from desk.review.roles import DRAFTER, LEVEL_LABELS, LEVELS, ROLE_TITLES, ROLES
from desk.store import Store
from desk.store.models import Account, Delegation, Unit


@dataclass(frozen=True, slots=True)
class UnitView:
    """A 部门/科室 and the 分管领导 who signs (三审) its drafts."""

    id: uuid.UUID
    name: str
    leader_id: uuid.UUID | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AccountView:
    """A person who logs in, without the password hash.

    ``acting_for`` is set only in ``reviewers_for``: the login of the reviewer this
    account stands in for by a delegation (None: it reviews in its own right).
    """

    id: uuid.UUID
    login: str
    name: str
    unit_id: uuid.UUID | None
    unit_name: str | None
    roles: tuple[str, ...]  # role ids, see desk.review.roles
    active: bool
    failed_logins: int  # in a row, since the last successful login
    locked_until: datetime | None  # locked by failed logins until then, if in the future
    created_at: datetime
    acting_for: str | None = None


@dataclass(frozen=True, slots=True)
class DelegationView:
    """代理: ``to_account_id`` stands in for ``from_account_id`` at ``level`` while it runs.

    The two accounts' logins and names come along, so that a list of delegations can be
    shown without looking each account up.
    """

    id: uuid.UUID
    from_account_id: uuid.UUID
    to_account_id: uuid.UUID
    level: str
    starts_at: datetime
    ends_at: datetime | None  # None: until revoked
    reason: str
    created_by: str
    revoked_at: datetime | None
    from_login: str
    from_name: str
    to_login: str
    to_name: str


def unit_view(unit: Unit) -> UnitView:
    return UnitView(
        id=unit.id, name=unit.name, leader_id=unit.leader_id, created_at=unit.created_at
    )


def account_view(session: Session, account: Account, acting_for: str | None = None) -> AccountView:
    unit = session.get(Unit, account.unit_id) if account.unit_id is not None else None
    return AccountView(
        id=account.id,
        login=account.login,
        name=account.name,
        unit_id=account.unit_id,
        unit_name=unit.name if unit is not None else None,
        roles=tuple(account.roles),
        active=account.active,
        failed_logins=account.failed_logins,
        locked_until=account.locked_until,
        created_at=account.created_at,
        acting_for=acting_for,
    )


def delegation_view(delegation: Delegation) -> DelegationView:
    """The view of a delegation in a session: its accounts are read through that session."""
    session = object_session(delegation)
    if session is None:
        raise ValueError("delegation_view needs a delegation attached to a session")
    delegator = session.get_one(Account, delegation.from_account_id)
    delegate = session.get_one(Account, delegation.to_account_id)
    return DelegationView(
        id=delegation.id,
        from_account_id=delegation.from_account_id,
        to_account_id=delegation.to_account_id,
        level=delegation.level,
        starts_at=delegation.starts_at,
        ends_at=delegation.ends_at,
        reason=delegation.reason,
        created_by=delegation.created_by,
        revoked_at=delegation.revoked_at,
        from_login=delegator.login,
        from_name=delegator.name,
        to_login=delegate.login,
        to_name=delegate.name,
    )


def list_units(store: Store) -> list[UnitView]:
    """Every unit, by name."""
    with store.read() as session:
        return [unit_view(unit) for unit in session.scalars(select(Unit).order_by(Unit.name))]


def list_accounts(store: Store) -> list[AccountView]:
    """Every account, active or not, by login."""
    with store.read() as session:
        accounts = session.scalars(select(Account).order_by(Account.login)).all()
        return [account_view(session, account) for account in accounts]


def account_by_login(store: Store, login: str) -> AccountView | None:
    """The account a login as typed names (see `find_account`), or None."""
    with store.read() as session:
        account = find_account(session, login)
        return account_view(session, account) if account is not None else None


def find_account(session: Session, login: str) -> Account | None:
    """The account a login as typed names: the one with exactly that login, else the one
    whose login is the same once normalized (``WANG`` finds ``wang``); None if there is
    none, or several look-alikes stored before logins were normalized."""
    for spelling in dict.fromkeys((login, normalize_login(login))):
        account = session.scalars(select(Account).where(Account.login == spelling)).one_or_none()
        if account is not None:
            return account
    alike = _look_alikes(session, login)
    return alike[0] if len(alike) == 1 else None


def login_owner(session: Session, login: str) -> Account | None:
    """An account whose login is ``login`` once both are normalized: a new account may
    not take it. (While the journal is replayed, only the very same login: look-alikes
    made before logins were normalized were accepted then.)"""
    if replaying(session):
        exact = select(Account).where(Account.login == login)
        return session.scalars(exact).one_or_none()
    alike = _look_alikes(session, login)
    return alike[0] if alike else None


def _look_alikes(session: Session, login: str) -> list[Account]:
    key = normalize_login(login)
    return [
        a
        for a in session.scalars(select(Account).order_by(Account.login))
        if name_key(a.login) == key
    ]


def has_accounts(session: Session) -> bool:
    """Whether the store has any account, active or not."""
    return session.execute(select(Account.id).limit(1)).first() is not None


def active_admins(session: Session) -> list[Account]:
    """The active accounts holding the admin role, by login."""
    accounts = session.scalars(
        select(Account).where(Account.active.is_(True)).order_by(Account.login)
    )
    return [account for account in accounts if "admin" in account.roles]


def admin_refusal(session: Session, actor: str, doing: str) -> str | None:
    """Why ``actor`` may not ``doing`` (an administrative change: units, accounts, others'
    passwords and delegations, holiday lists), None if they may: only an active account
    holding the admin role may. The local command line (``cli:``) is no exception; while
    there is no admin the message says how to get one. (The first admin of an empty store
    and RecoverAdmin are the handlers' own exceptions, in desk.review.accounts.) Nobody
    is refused while the journal is replayed (desk.review.replay_mode)."""
    if replaying(session):
        return None
    admins = active_admins(session)
    if any(admin.login == actor for admin in admins):
        return None
    if admins:
        return f"只有管理员可以{doing}，{person_named(session, actor)}不是管理员"
    if not has_accounts(session):
        return (
            f"还没有管理员，不能{doing}：请先创建管理员账号"
            "（启动 Desk 按提示创建，或 desk admin create-user 登录名 --name 姓名 --role 管理员）"
        )
    return f"此数据库有账号但没有启用的管理员，不能{doing}。{RECOVERY_HINT}"


def administration_refusal(store: Store, actor: str, doing: str) -> str | None:
    """`admin_refusal` for a change outside the store's tables (the data folder's holiday
    lists), under the same rule as the administrative commands."""
    with store.read() as session:
        return admin_refusal(session, actor, doing)


# What a store with accounts but no active admin needs (said by the window and the CLI).
RECOVERY_HINT = (
    "恢复方法：在能写入数据文件夹的电脑上运行 desk admin recover-admin 登录名 --name 姓名，"
    "新建一个管理员账号（此操作记入审计日志）"
)


def list_delegations(store: Store, *, include_ended: bool = False) -> list[DelegationView]:
    """Delegations newest first (by when they start, then by id for a stable order).

    By default only those still to come or running at the store's clock: not revoked
    and not ended. ``include_ended`` adds the revoked and ended ones, for the record.
    """
    query = select(Delegation).order_by(Delegation.starts_at.desc(), Delegation.id)
    if not include_ended:
        now = store.clock()
        query = query.where(
            Delegation.revoked_at.is_(None),
            or_(Delegation.ends_at.is_(None), Delegation.ends_at > now),
        )
    with store.read() as session:
        return [delegation_view(delegation) for delegation in session.scalars(query)]


def drafting_refusal(session: Session, login: str) -> str | None:
    """Why ``login`` may not create drafts (None: they may). Only an active account with
    the 信息发布联络员 role may; on a store without any account (scripts, tests) anyone
    may, but can never submit: that needs a drafter's account. The command line
    (``cli:``) is no exception."""
    if replaying(session):  # judged when it was applied (desk.review.replay_mode)
        return None
    account = session.scalars(select(Account).where(Account.login == login)).one_or_none()
    if account is None:
        if not has_accounts(session):
            return None
        return f"账号 {login} 不存在，不能起草稿件"
    if not account.active:
        return f"{account.name}（{login}）的账号已停用，不能起草稿件"
    if DRAFTER not in account.roles:
        return (
            f"{account.name}（{login}）没有“{ROLES[DRAFTER]}”角色，不能起草稿件；"
            "如需起草，请管理员为账号加上该角色"
        )
    return None


def may_draft(store: Store, login: str) -> bool:
    """Whether ``login`` may create drafts (see `drafting_refusal`)."""
    with store.read() as session:
        return drafting_refusal(session, login) is None


def has_any_admin(store: Store) -> bool:
    """Whether an active account can administer."""
    with store.read() as session:
        return bool(active_admins(session))


def has_any_account(store: Store) -> bool:
    """Whether the store has an account: if not, the first start creates the admin."""
    with store.read() as session:
        return has_accounts(session)


def administrators(store: Store) -> list[AccountView]:
    """The active accounts that administer (the people to ask about accounts and
    units), by login."""
    with store.read() as session:
        accounts = session.scalars(
            select(Account).where(Account.active.is_(True)).order_by(Account.login)
        )
        return [account_view(session, account) for account in accounts if "admin" in account.roles]


def reviewers_for(
    store: Store, unit_id: uuid.UUID | None, level: str, at: datetime | None = None
) -> list[AccountView]:
    """Who reviews the unit's drafts at ``level`` at ``at`` (the store's clock by default).

    review1 and review2: the unit's active accounts with that role; review3: the unit's
    leader, if active; principal: every active account with the role, whatever its
    unit. Then whoever stands in for one of them by a delegation running at ``at``
    (``acting_for`` set), unless already listed. Each group by login.
    """
    if level not in LEVELS:
        known = "、".join(f"{key}（{label}）" for key, label in LEVEL_LABELS.items())
        raise ValueError(f"未知审核级别 {level!r}，可选：{known}")
    when = at if at is not None else store.clock()
    with store.read() as session:
        found = routing.reviewers(session, unit_id, level, when)
        logins = {reviewer.login for reviewer in found}
        accounts = {
            account.login: account
            for account in session.scalars(select(Account).where(Account.login.in_(logins)))
        }
        views: dict[str, AccountView] = {}
        for reviewer in sorted(found, key=lambda r: (r.acting_for is not None, r.login)):
            if reviewer.login not in views:
                views[reviewer.login] = account_view(
                    session, accounts[reviewer.login], acting_for=reviewer.acting_for
                )
        return list(views.values())


def display_name(session: Session, login: str) -> str:
    """'姓名（login）' for an account, the login alone for anyone else (e.g. a cli: actor)."""
    account = session.scalars(select(Account).where(Account.login == login)).one_or_none()
    return f"{account.name}（{login}）" if account is not None else login


def person(account: Account) -> str:
    """How a message names someone: '姓名（角色）', e.g. 李联络（联络员）, 赵科长（一审人员、
    处/科室负责人）; the name alone for an account without roles."""
    titles = "、".join(ROLE_TITLES.get(role, role) for role in account.roles)
    return f"{account.name}（{titles}）" if titles else account.name


def person_named(session: Session, login: str) -> str:
    """`person` of the account with ``login``; the login itself when no account has it
    (a ``cli:`` actor, or a login that was mistyped)."""
    account = session.scalars(select(Account).where(Account.login == login)).one_or_none()
    return person(account) if account is not None else login
