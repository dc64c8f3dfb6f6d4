"""Names people type (logins, 姓名, units, reasons): look-alikes can't coexist, control
characters and endless names are refused, and names stored before stay reachable."""

from datetime import UTC, datetime

import pytest

from desk.review.accounts import CreateAccount, CreateUnit, UpdateAccount
from desk.review.commands import apply, new_id
from desk.review.directory import account_by_login, list_accounts, list_units
from desk.review.errors import CommandRejected
from desk.review.names import name_key, normalize_login, tidy, visible
from desk.store.models import Account
from tests.flow import ADMIN, first_admin

HASH = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA"
ZWSP = "\u200b"


@pytest.fixture
def admin(store):
    first_admin(store)
    return store


def account(login, full_name="王一审"):
    return CreateAccount(new_id(), ADMIN, new_id(), login, full_name, None, ["review1"], HASH)


def unit(name):
    return CreateUnit(new_id(), ADMIN, new_id(), name)


@pytest.mark.parametrize("typed", ["wang", f"wang{ZWSP}", "ｗａｎｇ", "WANG", " Wang\u2060 "])
def test_a_login_is_normalized(typed):
    assert normalize_login(typed) == "wang"


@pytest.mark.parametrize("look_alike", [f"wang{ZWSP}", "ｗａｎｇ", "WANG"])
def test_look_alike_logins_do_not_coexist(admin, look_alike):
    apply(admin, account("wang"))
    with pytest.raises(CommandRejected, match="应写作 wang"):  # as typed: refused
        account(look_alike)
    with pytest.raises(CommandRejected, match="登录名 wang 已被使用"):  # normalized: taken
        apply(admin, account(normalize_login(look_alike)))
    assert [a.login for a in list_accounts(admin)] == [ADMIN, "wang"]


@pytest.mark.parametrize(
    "look_alike", [f"办公室{ZWSP}", " 办公室 ", "办\u2060公室", "办公室\ufeff"]
)
def test_look_alike_units_do_not_coexist(admin, look_alike):
    apply(admin, unit("办公室"))
    with pytest.raises(CommandRejected, match="部门“办公室”已存在"):
        apply(admin, unit(look_alike))
    apply(admin, unit("ＩＴ科"))
    with pytest.raises(CommandRejected, match="部门“it科”已存在（与现有的“IT科”只差"):
        apply(admin, unit("it科"))
    assert [u.name for u in list_units(admin)] == ["IT科", "办公室"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("办" * 40_000, "部门名称不能超过 100 个字符（现有 40000 个）"),
        ("办公室\n财务科", "部门名称不能包含换行、制表符或其他控制字符"),
        ("办公室\x1b[2J", "部门名称不能包含换行"),
        (f"{ZWSP}\u3000", "部门名称不能为空"),
    ],
)
def test_a_unit_name_is_bounded_and_has_no_control_characters(admin, name, message):
    with pytest.raises(CommandRejected, match=message):
        apply(admin, unit(name))
    assert list_units(admin) == []


@pytest.mark.parametrize(
    ("full_name", "message"),
    [
        ("王" * 51, "姓名不能超过 50 个字符"),
        ("王一审\r\n", "姓名不能包含换行"),
        ("\x1b]0;owned\x07", "姓名不能包含换行"),
    ],
)
def test_a_persons_name_is_bounded_and_has_no_control_characters(admin, full_name, message):
    with pytest.raises(CommandRejected, match=message):
        apply(admin, account("wang", full_name))


def test_names_are_stored_tidied(admin):
    made = apply(admin, account("wang", f" 王{ZWSP}一审\u3000"))
    assert made.name == "王一审"
    office = apply(admin, unit("区政府\u3000\u3000办公室 "))
    assert office.name == "区政府 办公室"
    changed = apply(
        admin, UpdateAccount(new_id(), ADMIN, made.id, "王\u200d二审", None, ["review1"], True)
    )
    assert changed.name == "王二审"


def test_logins_with_a_colon_or_a_space_are_refused():
    for login in ("cli:root", "wang li"):
        with pytest.raises(CommandRejected, match="不能包含空白或冒号"):
            account(login)


def test_visible_shows_what_a_terminal_would_hide_or_obey():
    assert visible("wang\u200b") == "wang\\u200b"
    assert visible("\x1b[31m红\x1b[0m") == "\\x1b[31m红\\x1b[0m"
    assert visible("一\n二") == "一\\x0a二"
    assert visible("一\n二", keep_line_breaks=True) == "一\n二"
    assert visible("\u202egnp.exe") == "\\u202egnp.exe"


def test_tidy_and_keys():
    assert tidy("  ｗａｎｇ\u00ad ") == "wang"
    assert name_key("Ａ科") == name_key("a科")


# --- names stored before these rules ---------------------------------------------------


def old_account(store, login):
    """An account an older Desk stored, with a login today's rules refuse."""
    with store.session() as session:
        session.add(
            Account(
                id=new_id(),
                login=login,
                name=login,
                unit_id=None,
                roles=["review1"],
                password_hash=HASH,
                failed_logins=0,
                locked_until=None,
                active=True,
                created_at=datetime(2026, 1, 5, tzinfo=UTC),
            )
        )


def test_an_old_login_is_found_as_typed_or_normalized(admin):
    old_account(admin, "Zhang")
    assert account_by_login(admin, "Zhang").login == "Zhang"
    assert account_by_login(admin, "zhang").login == "Zhang"
    assert account_by_login(admin, "ＺＨＡＮＧ").login == "Zhang"
    with pytest.raises(
        CommandRejected, match=r"登录名 zhang 已被使用（与现有的 Zhang 视为同一登录名）"
    ):
        apply(admin, account("zhang"))


def test_old_look_alikes_are_each_reached_by_their_exact_login_only(admin):
    old_account(admin, "wang")
    old_account(admin, f"wang{ZWSP}")
    old_account(admin, "Li")
    old_account(admin, "LI")
    assert account_by_login(admin, f"wang{ZWSP}").login == f"wang{ZWSP}"
    assert account_by_login(admin, "wang").login == "wang"
    assert account_by_login(admin, "WANG").login == "wang"  # the one spelled normalized
    assert account_by_login(admin, "LI").login == "LI"
    assert account_by_login(admin, "li") is None  # which one? neither
