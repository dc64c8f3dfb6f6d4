"""Units, accounts, passwords, logins with lockout, delegations and review routing."""

import json
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from desk.review import passwords
from desk.review.accounts import (
    MAX_DELEGATION,
    CreateAccount,
    CreateUnit,
    Delegate,
    RecordLogin,
    RecordUnknownLogin,
    RecoverAdmin,
    RevokeDelegation,
    SetPassword,
    SetUnitLeader,
    UpdateAccount,
    delegation_end,
    last_delegation_day,
)
from desk.review.commands import COMMANDS, apply, command_from_json, new_id
from desk.review.directory import (
    account_by_login,
    has_any_admin,
    list_accounts,
    list_delegations,
    list_units,
    reviewers_for,
)
from desk.review.errors import CommandRejected
from desk.review.login import REFUSED, LoginFailed, authenticate
from desk.review.roles import parse_role
from desk.store import open_store
from desk.store.audit import read_entries, seal
from desk.store.models import Account
from tests.store.conftest import FakeClock

pytestmark = pytest.mark.usefixtures("fast_passwords")

ADMIN = "root"  # the admin every store below starts with
PASSWORD = "政务公开2026!"


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def empty_store(tmp_path, clock):
    with open_store(tmp_path / "desk.db", clock=clock) as opened:
        yield opened


@pytest.fixture
def store(empty_store):
    """A store whose first account is the admin ``ADMIN``."""
    make_account(empty_store, ADMIN, roles=["admin"])
    return empty_store


def run(store, command_type, actor=ADMIN, **fields):
    return apply(store, command_type(command_id=new_id(), actor=actor, **fields))


def make_unit(store, name="办公室"):
    return run(store, CreateUnit, unit_id=new_id(), unit_name=name)


def make_account(store, login, roles=("review1",), unit=None, password=PASSWORD, actor=ADMIN):
    return run(
        store,
        CreateAccount,
        actor=actor,
        account_id=new_id(),
        login=login,
        full_name=f"{login}的姓名",
        unit_id=unit.id if unit is not None else None,
        roles=list(roles),
        password_hash=passwords.hash_password(password, login=login),
    )


def update(store, account, actor=ADMIN, **changes):
    fields = {
        "full_name": account.name,
        "unit_id": account.unit_id,
        "roles": list(account.roles),
        "active": account.active,
    }
    return run(store, UpdateAccount, actor=actor, account_id=account.id, **fields | changes)


def delegate(store, source, target, level, starts, ends, actor=ADMIN):
    return run(
        store,
        Delegate,
        actor=actor,
        delegation_id=new_id(),
        from_account_id=source.id,
        to_account_id=target.id,
        level=level,
        starts_at=starts.isoformat(),
        ends_at=ends.isoformat() if ends is not None else None,
        reason="休假期间代为审核",
    )


def names(store):
    return [entry.name for entry in read_entries(store)]


def stored_hash(store, login):
    with store.read() as session:
        return session.scalars(select(Account.password_hash).where(Account.login == login)).one()


# --- passwords -------------------------------------------------------------------------


def test_only_an_argon2_hash_is_stored_and_only_its_seal_journaled(store):
    make_account(store, "zhangsan")
    assert stored_hash(store, "zhangsan").startswith("$argon2id$")
    assert passwords.verify_password(stored_hash(store, "zhangsan"), PASSWORD)
    journal = json.dumps([entry.payload for entry in read_entries(store)], ensure_ascii=False)
    assert PASSWORD not in journal and "$argon2" not in journal
    assert seal(stored_hash(store, "zhangsan")) in journal


def test_a_command_carrying_a_plain_password_is_refused():
    with pytest.raises(CommandRejected, match="哈希"):
        SetPassword(command_id=new_id(), actor=ADMIN, account_id=new_id(), password_hash=PASSWORD)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1!", "至少需要 8 个字符"),
        ("ZhangSan", "不能与登录名相同"),
        ("", "至少需要 8 个字符"),
        (" " * 8, "至少需要 8 个字符（空格不计）"),
        ("\u3000" * 8, "至少需要 8 个字符（空格不计）"),  # ideographic spaces
        ("a b c d 1 2", "至少需要 8 个字符（空格不计）"),
        ("12345678", "须包含字母或汉字、数字、符号中的至少两种"),
        ("政务公开政务公开", "须包含字母或汉字、数字、符号中的至少两种"),
        ("abcdefgh", "须包含字母或汉字、数字、符号中的至少两种"),
        ("pass\tword1", "不能包含换行、制表符或其他控制字符"),
        ("a1" * 200, "不能超过 256 个字符"),
    ],
)
def test_the_password_policy(password, message):
    with pytest.raises(passwords.WeakPassword, match=message):
        passwords.hash_password(password, login="zhangsan")


def test_eight_characters_of_two_kinds_are_enough():
    assert passwords.is_hash(passwords.hash_password("zhang123", login="zhangsan"))


def test_production_hashing_keeps_argon2_cffi_defaults(monkeypatch):
    monkeypatch.undo()  # drop the cheap hasher of fast_passwords
    defaults = PasswordHasher()
    assert (passwords.HASHER.time_cost, passwords.HASHER.memory_cost) == (
        defaults.time_cost,
        defaults.memory_cost,
    )
    assert passwords.HASHER.parallelism == defaults.parallelism


# --- logging in --------------------------------------------------------------------------


def test_the_right_password_logs_in_and_is_journaled(store):
    made = make_account(store, "zhangsan")
    view = authenticate(store, "zhangsan", PASSWORD)
    assert (view.id, view.login, view.failed_logins, view.locked_until) == (
        made.id,
        "zhangsan",
        0,
        None,
    )
    (entry,) = [entry for entry in read_entries(store) if entry.name == "RecordLogin"]
    assert entry.actor == "zhangsan" and entry.payload["succeeded"] is True


def failed_logins(store, login):
    account = account_by_login(store, login)
    return account.failed_logins, account.locked_until


def test_wrong_passwords_are_counted(store):
    make_account(store, "zhangsan")
    for count in (1, 2, 3, 4):
        with pytest.raises(LoginFailed, match=r"^登录名或密码错误。连续输错 5 次"):
            authenticate(store, "zhangsan", "错误的密码123")
        assert failed_logins(store, "zhangsan") == (count, None)


def test_a_success_resets_the_count(store):
    make_account(store, "zhangsan")
    for _ in range(4):
        with pytest.raises(LoginFailed):
            authenticate(store, "zhangsan", "错误的密码123")
    authenticate(store, "zhangsan", PASSWORD)
    with pytest.raises(LoginFailed):
        authenticate(store, "zhangsan", "错误的密码123")
    assert failed_logins(store, "zhangsan") == (1, None)


def lock(store, login):
    """Five wrong passwords; the failure of the last."""
    for _ in range(passwords.MAX_FAILED_LOGINS - 1):
        with pytest.raises(LoginFailed):
            authenticate(store, login, "错误的密码123")
    with pytest.raises(LoginFailed) as failed:
        authenticate(store, login, "错误的密码123")
    return failed.value


def test_five_failures_in_a_row_lock_the_account_for_15_minutes(store, clock):
    make_account(store, "zhangsan")
    locked = lock(store, "zhangsan")
    locked_until = failed_logins(store, "zhangsan")[1]
    assert locked_until == clock.now + timedelta(minutes=15)  # the last failure's time
    assert str(locked) == REFUSED
    journaled = len(read_entries(store))
    with pytest.raises(LoginFailed) as again:
        authenticate(store, "zhangsan", PASSWORD)  # even the right password, and it says nothing
    assert str(again.value) == REFUSED
    assert failed_logins(store, "zhangsan") == (5, locked_until)  # the lock is not extended
    assert names(store)[journaled:] == ["RecordLogin"]  # but the attempt is on record


def test_the_lock_opens_after_15_minutes(store, clock):
    make_account(store, "zhangsan")
    lock(store, "zhangsan")
    locked_until = failed_logins(store, "zhangsan")[1]
    clock.now = locked_until - timedelta(seconds=30)
    with pytest.raises(LoginFailed):
        authenticate(store, "zhangsan", PASSWORD)
    clock.now = locked_until
    view = authenticate(store, "zhangsan", PASSWORD)
    assert (view.failed_logins, view.locked_until) == (0, None)


def test_after_a_lock_expires_failures_count_afresh(store, clock):
    make_account(store, "zhangsan")
    lock(store, "zhangsan")
    clock.now = failed_logins(store, "zhangsan")[1]
    with pytest.raises(LoginFailed):
        authenticate(store, "zhangsan", "错误的密码123")
    assert failed_logins(store, "zhangsan")[0] == 1


def test_setting_a_password_lifts_the_lock(store):
    made = make_account(store, "zhangsan")
    lock(store, "zhangsan")
    new_hash = passwords.hash_password("新的密码2026", login="zhangsan")
    run(store, SetPassword, account_id=made.id, password_hash=new_hash)
    assert authenticate(store, "zhangsan", "新的密码2026").login == "zhangsan"
    with pytest.raises(LoginFailed):
        authenticate(store, "zhangsan", PASSWORD)


def test_an_inactive_account_cannot_log_in(store):
    made = make_account(store, "zhangsan")
    update(store, made, active=False)
    with pytest.raises(LoginFailed, match=r"^账号已停用"):
        authenticate(store, "zhangsan", PASSWORD)
    with pytest.raises(LoginFailed, match=r"^登录名或密码错误"):  # only its password tells
        authenticate(store, "zhangsan", "错误的密码123")
    with pytest.raises(CommandRejected, match="已停用"):
        run(store, RecordLogin, actor="zhangsan", account_id=made.id, succeeded=True)


def test_a_hash_with_outdated_parameters_is_replaced_at_login(store, monkeypatch):
    make_account(store, "zhangsan")
    old = stored_hash(store, "zhangsan")
    monkeypatch.setattr(
        passwords, "HASHER", PasswordHasher(time_cost=2, memory_cost=8, parallelism=1)
    )
    authenticate(store, "zhangsan", PASSWORD)
    new = stored_hash(store, "zhangsan")
    assert new != old and ",t=2," in new
    assert names(store)[-2:] == ["RecordLogin", "SetPassword"]
    authenticate(store, "zhangsan", PASSWORD)
    assert stored_hash(store, "zhangsan") == new


# --- units and accounts ----------------------------------------------------------------


def test_accounts_and_units_are_listed_with_chinese_role_aliases_resolved(store):
    office = make_unit(store, "办公室")
    make_unit(store, "政策法规科")
    roles = [parse_role(name) for name in ("二审", "一审", "签发")]
    made = make_account(store, "lisi", roles=roles, unit=office)
    make_account(store, "admin", roles=[parse_role("管理员")])
    assert made.roles == ("review2", "review1", "review3")
    assert (made.unit_id, made.unit_name) == (office.id, "办公室")
    assert [a.login for a in list_accounts(store)] == ["admin", "lisi", ADMIN]
    assert [u.name for u in list_units(store)] == ["办公室", "政策法规科"]
    assert account_by_login(store, "lisi") == made
    assert account_by_login(store, "ＬＩＳＩ") == made  # as typed, found normalized
    assert names(store)[1:] == ["CreateUnit", "CreateUnit", "CreateAccount", "CreateAccount"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"login": "zhang san"}, "不能包含空白或冒号"),
        ({"login": "cli:root"}, "不能包含空白或冒号"),
        ({"login": " "}, "登录名不能为空"),
        ({"login": "x" * 65}, "不能超过 64"),
        ({"full_name": ""}, "姓名不能为空"),
        ({"roles": []}, "至少需要一个角色"),
        ({"roles": ["一审"]}, "未知角色 一审"),
        ({"roles": ["review1", "review1"]}, "角色重复"),
    ],
)
def test_an_invalid_account_is_refused_at_construction(fields, message):
    values = {
        "account_id": new_id(),
        "login": "zhangsan",
        "full_name": "张三",
        "unit_id": None,
        "roles": ["review1"],
        "password_hash": "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA",
    } | fields
    with pytest.raises(CommandRejected, match=message):
        CreateAccount(command_id=new_id(), actor=ADMIN, **values)


def test_a_login_is_used_once(store):
    make_account(store, "zhangsan")
    with pytest.raises(CommandRejected, match="登录名 zhangsan 已被使用"):
        make_account(store, "zhangsan")


def test_an_account_in_an_unknown_unit_is_refused(store):
    with pytest.raises(CommandRejected, match=r"部门 .* 不存在"):
        make_account(store, "zhangsan", unit=SimpleNamespace(id=new_id()))


def test_unit_names_are_unique_and_required(store):
    make_unit(store, "办公室")
    with pytest.raises(CommandRejected, match="部门“办公室”已存在"):
        make_unit(store, " 办公室 ")
    with pytest.raises(CommandRejected, match="部门名称不能为空"):
        make_unit(store, "  ")


def test_a_unit_leader_must_hold_review3_and_be_active(store):
    office = make_unit(store)
    chief = make_account(store, "chief", roles=["review2"], unit=office)
    leader = make_account(store, "leader", roles=["review3"])
    with pytest.raises(CommandRejected, match="没有“三审签发（分管领导）”角色"):
        run(store, SetUnitLeader, unit_id=office.id, account_id=chief.id)
    assert run(store, SetUnitLeader, unit_id=office.id, account_id=leader.id).leader_id == leader.id
    retired = make_account(store, "retired", roles=["review3"])
    update(store, retired, active=False)
    with pytest.raises(CommandRejected, match="已停用"):
        run(store, SetUnitLeader, unit_id=office.id, account_id=retired.id)


def test_a_leader_keeps_review3_and_stays_active_until_replaced(store):
    office = make_unit(store)
    leader = make_account(store, "leader", roles=["review3"])
    run(store, SetUnitLeader, unit_id=office.id, account_id=leader.id)
    with pytest.raises(CommandRejected, match="是办公室的分管领导"):
        update(store, leader, roles=["review2"])
    with pytest.raises(CommandRejected, match="是办公室的分管领导"):
        update(store, leader, active=False)
    assert run(store, SetUnitLeader, unit_id=office.id, account_id=None).leader_id is None
    assert update(store, leader, active=False).active is False


def test_the_last_active_admin_stays(store):
    first = account_by_login(store, ADMIN)
    with pytest.raises(CommandRejected, match="至少要保留一个启用的管理员账号"):
        update(store, first, active=False)
    with pytest.raises(CommandRejected, match="至少要保留一个启用的管理员账号"):
        update(store, first, roles=["review1"])
    make_account(store, "admin2", roles=["admin"])
    assert update(store, first, roles=["review1"]).roles == ("review1",)


def test_has_any_admin_asks_for_an_active_one(empty_store):
    assert has_any_admin(empty_store) is False
    make_account(empty_store, "admin", roles=["admin", "review1"], actor="anyone")
    assert has_any_admin(empty_store) is True


def test_once_there_is_an_admin_only_admins_administer(store):
    staff = make_account(store, "staff")
    with pytest.raises(
        CommandRejected, match="只有管理员可以创建账号，staff的姓名（一审人员）不是管理员"
    ):
        make_account(store, "another", actor="staff")
    with pytest.raises(CommandRejected, match="只有管理员可以创建部门"):
        run(store, CreateUnit, actor="staff", unit_id=new_id(), unit_name="办公室")
    with pytest.raises(CommandRejected, match="只有管理员可以修改账号"):
        update(store, staff, actor="staff", roles=["admin"])


def test_people_may_set_their_own_password_only(store):
    make_account(store, "admin", roles=["admin"])
    staff = make_account(store, "staff")
    other = make_account(store, "other")
    new_hash = passwords.hash_password("新的密码2026", login="staff")
    run(store, SetPassword, actor="staff", account_id=staff.id, password_hash=new_hash)
    with pytest.raises(CommandRejected, match="只有管理员可以重置他人的密码"):
        run(store, SetPassword, actor="staff", account_id=other.id, password_hash=new_hash)
    run(store, SetPassword, actor="admin", account_id=other.id, password_hash=new_hash)


def test_a_repeated_command_returns_its_first_result(store):
    command = CreateUnit(command_id=new_id(), actor=ADMIN, unit_id=new_id(), unit_name="办公室")
    assert apply(store, command) == apply(store, command)
    assert len(list_units(store)) == 1 and names(store)[1:] == ["CreateUnit"]


# --- delegation and routing ------------------------------------------------------------


@pytest.fixture
def org(store):
    """Two units with staff, chiefs and leaders, and two principals."""
    office, policy = make_unit(store, "办公室"), make_unit(store, "政策法规科")
    people = {
        "staff1": make_account(store, "staff1", ["review1"], office),
        "staff2": make_account(store, "staff2", ["review1", "drafter"], office),
        "other": make_account(store, "other", ["review1"], policy),
        "chief": make_account(store, "chief", ["review2"], office),
        "leader": make_account(store, "leader", ["review3"]),
        "deputy": make_account(store, "deputy", ["review3"]),
        "boss": make_account(store, "boss", ["principal"]),
        "boss2": make_account(store, "boss2", ["principal"], policy),
        "helper": make_account(store, "helper", ["drafter"], policy),
    }
    run(store, SetUnitLeader, unit_id=office.id, account_id=people["leader"].id)
    run(store, SetUnitLeader, unit_id=policy.id, account_id=people["deputy"].id)
    return office, policy, people


def logins(views):
    return [(view.login, view.acting_for) for view in views]


def test_routing_follows_unit_roles_and_leaders(store, org):
    office, policy, people = org
    update(store, people["staff2"], active=False)
    assert logins(reviewers_for(store, office.id, "review1")) == [("staff1", None)]
    assert logins(reviewers_for(store, policy.id, "review1")) == [("other", None)]
    assert logins(reviewers_for(store, office.id, "review2")) == [("chief", None)]
    assert logins(reviewers_for(store, policy.id, "review2")) == []
    assert logins(reviewers_for(store, office.id, "review3")) == [("leader", None)]
    assert logins(reviewers_for(store, policy.id, "review3")) == [("deputy", None)]
    for unit_id in (office.id, policy.id, None):
        assert logins(reviewers_for(store, unit_id, "principal")) == [
            ("boss", None),
            ("boss2", None),
        ]
    assert reviewers_for(store, None, "review1") == []


def test_a_unit_without_an_active_leader_has_no_signer(store, org):
    office = org[0]
    run(store, SetUnitLeader, unit_id=office.id, account_id=None)
    assert reviewers_for(store, office.id, "review3") == []


def test_routing_refuses_an_unknown_level(store, org):
    with pytest.raises(ValueError, match="未知审核级别 'drafter'"):
        reviewers_for(store, org[0].id, "drafter")


def test_a_delegate_reviews_only_while_the_delegation_runs(store, clock, org):
    office, _, people = org
    starts, ends = clock.now + timedelta(days=1), clock.now + timedelta(days=8)
    made = delegate(store, people["leader"], people["helper"], "review3", starts, ends)
    assert (made.level, made.ends_at, made.created_by) == ("review3", ends, ADMIN)
    before, during = starts - timedelta(seconds=1), starts + timedelta(days=2)
    assert logins(reviewers_for(store, office.id, "review3", at=before)) == [("leader", None)]
    assert logins(reviewers_for(store, office.id, "review3", at=during)) == [
        ("leader", None),
        ("helper", "leader"),
    ]
    assert reviewers_for(store, office.id, "review3", at=during)[1].name == "helper的姓名"
    assert logins(reviewers_for(store, office.id, "review3", at=ends)) == [("leader", None)]
    assert logins(reviewers_for(store, office.id, "review2", at=during)) == [("chief", None)]


def test_a_revoked_delegation_ends(store, clock, org):
    office, _, people = org
    made = delegate(store, people["chief"], people["helper"], "review2", clock.now, None)
    assert ("helper", "chief") in logins(reviewers_for(store, office.id, "review2"))
    revoked = run(store, RevokeDelegation, delegation_id=made.id)
    assert revoked.revoked_at is not None
    assert logins(reviewers_for(store, office.id, "review2")) == [("chief", None)]
    with pytest.raises(CommandRejected, match=r"委托已于 .* 撤销"):
        run(store, RevokeDelegation, delegation_id=made.id)


def test_an_inactive_delegate_is_not_routed_to(store, clock, org):
    office, _, people = org
    delegate(store, people["chief"], people["helper"], "review2", clock.now, None)
    update(store, people["helper"], active=False)
    assert logins(reviewers_for(store, office.id, "review2")) == [("chief", None)]


def test_someone_reviewing_in_their_own_right_is_listed_once(store, clock, org):
    office, _, people = org
    delegate(store, people["staff1"], people["staff2"], "review1", clock.now, None)
    assert logins(reviewers_for(store, office.id, "review1")) == [
        ("staff1", None),
        ("staff2", None),
    ]


def test_the_principals_delegates_are_routed_for_any_unit(store, clock, org):
    _, policy, people = org
    delegate(store, people["boss"], people["chief"], "principal", clock.now, None)
    assert ("chief", "boss") in logins(reviewers_for(store, policy.id, "principal"))


def test_delegation_rules(store, clock, org):
    _, _, people = org
    now, later = clock.now, clock.now + timedelta(days=1)
    with pytest.raises(CommandRejected, match="没有二审权限，无从委托"):
        delegate(store, people["staff1"], people["helper"], "review2", now, later)
    with pytest.raises(CommandRejected, match="不能委托给自己"):
        delegate(store, people["chief"], people["chief"], "review2", now, later)
    with pytest.raises(CommandRejected, match="结束时间必须晚于开始时间"):
        delegate(store, people["chief"], people["helper"], "review2", later, now)
    with pytest.raises(CommandRejected, match="已经过去"):
        delegate(store, people["chief"], people["helper"], "review2", now - 2 * (later - now), now)
    with pytest.raises(CommandRejected, match="未知审核级别 'drafter'"):
        delegate(store, people["staff2"], people["helper"], "drafter", now, later)
    update(store, people["helper"], active=False)
    with pytest.raises(CommandRejected, match="受委托人helper的姓名（联络员）的账号已停用"):
        delegate(store, people["chief"], people["helper"], "review2", now, later)


def test_delegations_are_listed_newest_first_until_revoked_or_ended(store, clock, org):
    _, _, people = org
    assert list_delegations(store) == []
    start = clock.now
    running = delegate(
        store, people["chief"], people["helper"], "review2", start, start + timedelta(days=2)
    )
    coming = delegate(
        store, people["leader"], people["deputy"], "review3", start + timedelta(days=1), None
    )
    revoked = delegate(store, people["boss"], people["boss2"], "principal", start, None)
    run(store, RevokeDelegation, delegation_id=revoked.id)

    [first, second] = list_delegations(store)
    assert [first.id, second.id] == [coming.id, running.id]
    assert (first.from_login, first.from_name, first.to_login, first.to_name) == (
        "leader",
        "leader的姓名",
        "deputy",
        "deputy的姓名",
    )
    assert (second.level, second.starts_at, second.ends_at) == (
        "review2",
        start,
        start + timedelta(days=2),
    )
    assert (second.reason, second.created_by, second.revoked_at) == (
        "休假期间代为审核",
        ADMIN,
        None,
    )
    assert {view.id for view in list_delegations(store, include_ended=True)} == {
        coming.id,
        running.id,
        revoked.id,
    }

    clock.now = start + timedelta(days=2)  # the clock moves on a second as it is read
    assert [view.id for view in list_delegations(store)] == [coming.id]
    assert len(list_delegations(store, include_ended=True)) == 3


def test_a_delegation_command_returns_the_accounts_names(store, clock, org):
    _, _, people = org
    made = delegate(store, people["chief"], people["helper"], "review2", clock.now, None)
    assert (made.from_name, made.to_login) == ("chief的姓名", "helper")
    assert run(store, RevokeDelegation, delegation_id=made.id).to_name == "helper的姓名"


def test_delegation_times_need_a_time_zone(org):
    with pytest.raises(CommandRejected, match="开始时间缺少时区"):
        Delegate(
            command_id=new_id(),
            actor=ADMIN,
            delegation_id=new_id(),
            from_account_id=new_id(),
            to_account_id=new_id(),
            level="review1",
            starts_at="2026-03-01T08:00:00",
            ends_at=None,
            reason="出差",
        )


def test_people_may_delegate_their_own_level_only(store, clock, org):
    _, _, people = org
    make_account(store, "admin", roles=["admin"])
    later = clock.now + timedelta(days=1)
    delegate(store, people["chief"], people["helper"], "review2", clock.now, later, actor="chief")
    with pytest.raises(CommandRejected, match="只有管理员可以替他人设置委托"):
        delegate(store, people["leader"], people["helper"], "review3", clock.now, later, "chief")


def test_a_delegation_runs_at_most_a_year(store, clock, org):
    _, _, people = org
    now = clock.now
    with pytest.raises(CommandRejected, match="委托最长 366 天"):
        delegate(
            store, people["chief"], people["helper"], "review2", now, now + timedelta(days=367)
        )
    far = datetime(9999, 12, 31, 16, tzinfo=UTC)  # what --until 9999-12-31 asked for
    with pytest.raises(CommandRejected, match="委托最长 366 天"):
        delegate(store, people["chief"], people["helper"], "review2", now, far)
    delegate(store, people["chief"], people["helper"], "review2", now, now + timedelta(days=366))


def test_the_last_day_of_a_delegation_is_bounded_without_overflowing(clock):
    starts = datetime(2026, 3, 1, 8, tzinfo=UTC)
    latest = last_delegation_day(starts)
    assert delegation_end(latest, starts) - starts <= MAX_DELEGATION
    for too_far in (latest + timedelta(days=1), date.max):
        with pytest.raises(CommandRejected, match=f"截止日期最晚为 {latest.isoformat()}"):
            delegation_end(too_far, starts)
    with pytest.raises(CommandRejected, match="已经过去"):
        delegation_end(date(2026, 2, 28), starts)


def test_duplicate_and_overlapping_delegations_are_refused(store, clock, org):
    _, _, people = org
    chief, helper = people["chief"], people["helper"]
    now, day = clock.now, timedelta(days=1)
    first = delegate(store, chief, helper, "review2", now + day, now + 8 * day)
    for starts, ends in (
        (now + day, now + 8 * day),  # the same again
        (now, now + 2 * day),  # overlapping its start
        (now + 7 * day, now + 9 * day),  # overlapping its end
        (now + 3 * day, None),  # until revoked
    ):
        with pytest.raises(CommandRejected, match=rf"委托编号 {first.id}），期间重叠"):
            delegate(store, chief, helper, "review2", starts, ends)
    delegate(store, chief, helper, "review2", now + 8 * day, now + 9 * day)  # right after it
    delegate(store, chief, people["staff1"], "review2", now + day, now + 8 * day)  # another
    run(store, RevokeDelegation, delegation_id=first.id)
    delegate(store, chief, helper, "review2", now + day, now + 2 * day)  # once revoked
    assert len(list_delegations(store, include_ended=True)) == 4


# --- commands as data ------------------------------------------------------------------


def samples():
    ids = [new_id() for _ in range(4)]
    hashed = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA"
    base = {"command_id": ids[0], "actor": ADMIN}
    return [
        CreateUnit(**base, unit_id=ids[1], unit_name="办公室"),
        SetUnitLeader(**base, unit_id=ids[1], account_id=ids[2]),
        SetUnitLeader(**base, unit_id=ids[1], account_id=None),
        CreateAccount(
            **base,
            account_id=ids[2],
            login="zhangsan",
            full_name="张三",
            unit_id=ids[1],
            roles=["review1", "review2"],
            password_hash=hashed,
        ),
        CreateAccount(
            **base,
            account_id=ids[2],
            login="boss",
            full_name="王局长",
            unit_id=None,
            roles=["principal"],
            password_hash=hashed,
        ),
        UpdateAccount(
            **base,
            account_id=ids[2],
            full_name="张三",
            unit_id=ids[1],
            roles=["review1"],
            active=False,
        ),
        RecoverAdmin(
            **base,
            account_id=ids[2],
            login="it-admin",
            full_name="信息科",
            unit_id=None,
            roles=["admin"],
            password_hash=hashed,
        ),
        SetPassword(**base, account_id=ids[2], password_hash=hashed),
        RecordLogin(**base, account_id=ids[2], succeeded=False),
        RecordUnknownLogin(**base, login="wang2"),
        Delegate(
            **base,
            delegation_id=ids[3],
            from_account_id=ids[2],
            to_account_id=ids[1],
            level="review3",
            starts_at="2026-03-01T08:00:00+08:00",
            ends_at="2026-03-08T00:00:00+08:00",
            reason="出差期间代为签发",
        ),
        RevokeDelegation(**base, delegation_id=ids[3]),
    ]


def test_the_samples_cover_every_account_command():
    account_commands = {
        "CreateUnit",
        "SetUnitLeader",
        "CreateAccount",
        "RecoverAdmin",
        "UpdateAccount",
        "SetPassword",
        "RecordLogin",
        "RecordUnknownLogin",
        "Delegate",
        "RevokeDelegation",
    }
    assert account_commands <= set(COMMANDS)
    assert {command.name for command in samples()} == account_commands


@pytest.mark.parametrize("command", samples(), ids=lambda command: command.name)
def test_every_account_command_round_trips_through_json(command):
    data = json.loads(json.dumps(command.to_json(), ensure_ascii=False))
    assert command_from_json(data) == command


def test_a_bool_is_a_bool_in_a_command():
    with pytest.raises(CommandRejected, match="succeeded"):
        RecordLogin(command_id=new_id(), actor=ADMIN, account_id=new_id(), succeeded=1)
