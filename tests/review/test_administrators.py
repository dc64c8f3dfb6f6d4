"""Administration needs an administrator: who may apply the administrative commands on an
empty store, on a store with an admin, and on one with accounts but no admin."""

from datetime import UTC, datetime

import pytest

from desk.review.accounts import (
    CreateAccount,
    CreateUnit,
    RecoverAdmin,
    SetPassword,
    SetUnitLeader,
    UpdateAccount,
)
from desk.review.commands import apply, new_id
from desk.review.directory import account_by_login, has_any_account, has_any_admin, list_units
from desk.review.errors import CommandRejected
from desk.store.audit import read_entries
from desk.store.models import Account

HASH = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA"


def account(actor, login, roles, command=CreateAccount):
    return command(new_id(), actor, new_id(), login, f"{login}的姓名", None, roles, HASH)


def unit(actor, name="办公室"):
    return CreateUnit(new_id(), actor, new_id(), name)


def names(store):
    return [(entry.name, entry.actor) for entry in read_entries(store)]


def test_on_an_empty_store_anyone_makes_the_first_admin(store):
    assert not has_any_account(store)
    apply(store, account("cli:wang", "boss", ["admin"]))
    assert has_any_admin(store)
    assert names(store) == [("CreateAccount", "cli:wang")]


@pytest.mark.parametrize(
    "command",
    [
        account("cli:leader", "leader", ["review3"]),  # the first account must be an admin
        unit("cli:leader"),
        unit("anyone"),
    ],
    ids=["a non-admin account", "a unit by the command line", "a unit by anyone"],
)
def test_on_an_empty_store_nothing_else_is_done_without_an_admin(store, command):
    with pytest.raises(CommandRejected, match=r"还没有管理员.*请先创建管理员账号"):
        apply(store, command)
    assert read_entries(store) == []


def test_the_first_admin_is_made_once(store):
    apply(store, account("anyone", "boss", ["admin"]))
    with pytest.raises(CommandRejected, match="只有管理员可以创建账号，anyone不是管理员"):
        apply(store, account("anyone", "second", ["admin"]))


@pytest.fixture
def admin(store):
    apply(store, account("setup", "boss", ["admin"]))
    return "boss"


@pytest.mark.parametrize("actor", ["cli:leader", "cli:root", "leader", "nobody"])
def test_once_there_is_an_admin_nobody_else_administers(store, admin, actor):
    """LOGNAME=leader desk admin … ran as ``cli:leader`` and was let through."""
    apply(store, account(admin, "leader", ["review3"]))
    leader = account_by_login(store, "leader")
    before = len(read_entries(store))
    for command in (
        unit(actor),
        account(actor, "another", ["admin"]),
        UpdateAccount(new_id(), actor, leader.id, "领导", None, ["review3", "admin"], True),
        SetPassword(new_id(), actor, account_by_login(store, admin).id, HASH),
    ):
        with pytest.raises(CommandRejected, match="只有管理员可以"):
            apply(store, command)
    assert len(read_entries(store)) == before


def test_the_admin_administers_and_the_log_names_them(store, admin):
    office = apply(store, unit(admin))
    leader = apply(store, account(admin, "leader", ["review3"]))
    apply(store, SetUnitLeader(new_id(), admin, office.id, leader.id))
    assert names(store)[1:] == [
        ("CreateUnit", admin),
        ("CreateAccount", admin),
        ("SetUnitLeader", admin),
    ]


# --- a store with accounts but no admin ---------------------------------------------------


@pytest.fixture
def orphaned(store):
    """A store an older Desk left with accounts and no admin (its accounts were made by
    ``cli:`` actors): written directly, as no command can make it now."""
    with store.session() as session:
        session.add(
            Account(
                id=new_id(),
                login="wang",
                name="王一审",
                unit_id=None,
                roles=["review1"],
                password_hash=HASH,
                failed_logins=0,
                locked_until=None,
                active=True,
                created_at=datetime(2026, 1, 5, tzinfo=UTC),
            )
        )
    return store


@pytest.mark.parametrize("actor", ["cli:wang", "wang", "anyone"])
def test_a_store_without_an_admin_hands_admin_rights_to_nobody(orphaned, actor):
    for command in (account(actor, "boss", ["admin"]), unit(actor)):
        with pytest.raises(CommandRejected, match=r"有账号但没有启用的管理员.*recover-admin"):
            apply(orphaned, command)
    assert not has_any_admin(orphaned)


def test_the_command_line_recovers_an_admin_and_the_log_says_so(orphaned):
    recovered = apply(orphaned, account("cli:it", "it-admin", ["admin"], RecoverAdmin))
    assert recovered.roles == ("admin",) and has_any_admin(orphaned)
    assert names(orphaned) == [("RecoverAdmin", "cli:it")]
    apply(orphaned, unit("it-admin"))  # the new admin administers
    assert [u.name for u in list_units(orphaned)] == ["办公室"]


def test_only_the_command_line_recovers_an_admin(orphaned):
    with pytest.raises(CommandRejected, match="只能在本机命令行进行"):
        apply(orphaned, account("wang", "it-admin", ["admin"], RecoverAdmin))
    assert not has_any_admin(orphaned)


def test_recovering_needs_a_store_that_has_accounts_and_no_admin(store):
    with pytest.raises(CommandRejected, match="还没有账号，无需恢复"):
        apply(store, account("cli:it", "it-admin", ["admin"], RecoverAdmin))
    apply(store, account("setup", "boss", ["admin"]))
    with pytest.raises(CommandRejected, match=r"已有启用的管理员 boss的姓名（boss）"):
        apply(store, account("cli:it", "it-admin", ["admin"], RecoverAdmin))


def test_a_recovered_account_is_an_admin():
    with pytest.raises(CommandRejected, match="必须有管理员角色"):
        account("cli:it", "it-admin", ["review1"], RecoverAdmin)
