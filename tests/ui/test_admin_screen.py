"""账号与单位管理 with a real store: every change a domain command, every refusal shown."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desk.review import passwords
from desk.review.accounts import CreateAccount
from desk.review.commands import apply, new_id
from desk.review.directory import account_by_login, list_accounts, list_delegations, list_units
from desk.review.login import LoginFailed, authenticate
from desk.review.roles import ROLES
from desk.store import DATABASE_NAME, open_store
from desk.ui.admin import (
    AccountEditor,
    AdminDialog,
    DelegationForm,
    DelegationValues,
    LeaderForm,
    PasswordForm,
)
from desk.ui.admin.labels import TRANSLATED_ROLES
from desk.ui.qt import QDate, Qt, QTreeWidget
from tests.ui.conftest import TIMEOUT_MS, type_text

pytestmark = pytest.mark.usefixtures("fast_passwords")

ADMIN = "admin"
PASSWORD = "政务公开2026!"
NEW_PASSWORD = "换个新密码2027"
TYPED_PASSWORD = "Desk-2026-pass"  # QTest types ASCII only
ACCOUNT_COLUMNS = {"login": 0, "name": 1, "unit": 2, "roles": 3, "status": 4}
DELEGATIONS_TAB = 2


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / DATABASE_NAME, busy_timeout=0.2)
    admin_hash = passwords.hash_password(PASSWORD, login=ADMIN)
    apply(
        store,
        CreateAccount(
            new_id(), "cli:setup", new_id(), ADMIN, "系统管理员", None, ["admin"], admin_hash
        ),
    )
    yield store
    store.close()


@pytest.fixture
def make_dialog(qtbot, store):
    def make(actor: str = ADMIN) -> AdminDialog:
        dialog = AdminDialog(store, actor)
        qtbot.addWidget(dialog)
        dialog.open()
        qtbot.waitExposed(dialog)
        return dialog

    return make


@pytest.fixture
def dialog(make_dialog) -> AdminDialog:
    return make_dialog()


def unit_id(store, name: str):
    [unit] = [unit for unit in list_units(store) if unit.name == name]
    return unit.id


def account_id(store, login: str):
    account = account_by_login(store, login)
    assert account is not None
    return account.id


def add_account(dialog: AdminDialog, login: str, roles: list[str], unit: str | None = None):
    unit_key = unit_id(dialog.store, unit) if unit is not None else None
    assert dialog.create_account(
        login=login, name=f"{login}的姓名", unit_id=unit_key, roles=roles, password=PASSWORD
    ), dialog.error.text()
    return account_id(dialog.store, login)


def row(tree: QTreeWidget, first_cell: str) -> list[str]:
    [item] = tree.findItems(first_cell, Qt.MatchFlag.MatchExactly, 0)
    return [item.text(column) for column in range(tree.columnCount())]


def select(tree: QTreeWidget, first_cell: str) -> None:
    [item] = tree.findItems(first_cell, Qt.MatchFlag.MatchExactly, 0)
    tree.setCurrentItem(item)


def open_form(qtbot, dialog: AdminDialog, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    form = dialog.form
    assert form is not None
    qtbot.waitExposed(form)
    return form


def press_ok(qtbot, dialog: AdminDialog, form) -> None:
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)


def test_the_new_account_form_typed_in_creates_the_account(qtbot, dialog, store):
    assert dialog.create_unit("办公室")
    form = open_form(qtbot, dialog, dialog.new_account_button)
    assert isinstance(form, AccountEditor)
    qtbot.keyClicks(form.login, "zhangsan")
    form.name.setFocus()
    type_text(form.name, "张三")  # Chinese comes from the input method, not key presses
    form.unit.setCurrentIndex(form.unit.findText("办公室"))
    qtbot.mouseClick(form.roles["review1"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.roles["drafter"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.password, TYPED_PASSWORD)
    qtbot.keyClicks(form.again, TYPED_PASSWORD)
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.form is None, timeout=TIMEOUT_MS)

    account = account_by_login(store, "zhangsan")
    assert account is not None
    assert (account.name, account.unit_name, account.roles) == (
        "张三",
        "办公室",
        ("drafter", "review1"),
    )
    assert authenticate(store, "zhangsan", TYPED_PASSWORD).login == "zhangsan"
    assert row(dialog.accounts, "zhangsan") == [
        "zhangsan",
        "张三",
        "办公室",
        "信息发布联络员、一审（工作人员）",
        "启用",
    ]


def test_the_form_stays_open_saying_why_when_refused(qtbot, dialog, store):
    form = open_form(qtbot, dialog, dialog.new_account_button)
    form.login.setText("lisi")
    form.name.setText("李四")
    form.roles["review2"].setChecked(True)
    form.password.setText(PASSWORD)
    form.again.setText(PASSWORD + "x")
    press_ok(qtbot, dialog, form)
    assert form.error.text() == "两次输入的密码不一致"
    form.password.setText("short")
    form.again.setText("short")
    press_ok(qtbot, dialog, form)
    assert form.error.text() == "密码至少需要 8 个字符（空格不计）"
    form.password.setText(PASSWORD)
    form.again.setText(PASSWORD)
    form.roles["review2"].setChecked(False)
    press_ok(qtbot, dialog, form)
    assert form.error.text() == "账号至少需要一个角色"
    assert dialog.form is form and form.isVisible()
    assert account_by_login(store, "lisi") is None
    assert dialog.error.text() == ""


def test_the_table_shows_every_role_in_chinese(dialog):
    add_account(dialog, "boss", list(ROLES))
    assert row(dialog.accounts, "boss")[ACCOUNT_COLUMNS["roles"]] == "、".join(ROLES.values())
    assert row(dialog.accounts, ADMIN)[ACCOUNT_COLUMNS["roles"]] == "管理员"


def test_the_marked_role_names_are_the_domains():
    assert list(TRANSLATED_ROLES) == list(ROLES.values())


def test_a_unit_leader_must_hold_review3(qtbot, dialog, store):
    assert dialog.create_unit("政策法规科")
    office = unit_id(store, "政策法规科")
    clerk = add_account(dialog, "clerk", ["review1"], unit="政策法规科")
    leader = add_account(dialog, "leader", ["review3"], unit="政策法规科")

    assert not dialog.set_unit_leader(office, clerk)
    assert (
        dialog.error.text()
        == "clerk的姓名（一审人员）没有“三审签发（分管领导）”角色，不能担任分管领导"
    )
    assert list_units(store)[0].leader_id is None
    assert row(dialog.units, "政策法规科") == ["政策法规科", "—"]

    dialog.tabs.setCurrentIndex(1)
    select(dialog.units, "政策法规科")
    form = open_form(qtbot, dialog, dialog.leader_button)
    assert isinstance(form, LeaderForm)
    assert [form.leader.itemText(i) for i in range(form.leader.count())] == [
        "（不设分管领导）",
        "leader的姓名（leader）",
    ]
    form.leader.setCurrentIndex(1)
    press_ok(qtbot, dialog, form)
    qtbot.waitUntil(lambda: dialog.form is None, timeout=TIMEOUT_MS)
    assert list_units(store)[0].leader_id == leader
    assert dialog.error.text() == ""
    assert row(dialog.units, "政策法规科") == ["政策法规科", "leader的姓名（leader）"]
    form = open_form(qtbot, dialog, dialog.leader_button)
    assert form.leader.currentText() == "leader的姓名（leader）"
    form.reject()


def test_a_new_unit_through_its_form_and_a_duplicate_refused(qtbot, dialog, store):
    dialog.tabs.setCurrentIndex(1)
    for expected_error in ("", "部门“办公室”已存在"):
        form = open_form(qtbot, dialog, dialog.new_unit_button)
        form.name.setFocus()
        type_text(form.name, "办公室")
        press_ok(qtbot, dialog, form)
        assert form.error.text() == expected_error
    assert [unit.name for unit in list_units(store)] == ["办公室"]
    form.reject()
    qtbot.waitUntil(lambda: dialog.form is None, timeout=TIMEOUT_MS)


def test_editing_changes_roles_and_unit_and_keeps_the_rest(qtbot, dialog, store):
    assert dialog.create_unit("办公室")
    wang = add_account(dialog, "wang", ["review1"])
    select(dialog.accounts, "wang")
    form = open_form(qtbot, dialog, dialog.edit_button)
    assert isinstance(form, AccountEditor)
    assert not form.login.isEnabled() and not form.password.isVisible()
    assert form.roles["review1"].isChecked()
    qtbot.mouseClick(form.roles["review1"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.roles["review2"], Qt.MouseButton.LeftButton)
    form.unit.setCurrentIndex(form.unit.findText("办公室"))
    press_ok(qtbot, dialog, form)
    qtbot.waitUntil(lambda: dialog.form is None, timeout=TIMEOUT_MS)

    account = account_by_login(store, "wang")
    assert (account.roles, account.unit_name, account.active) == (("review2",), "办公室", True)
    assert row(dialog.accounts, "wang")[2:4] == ["办公室", "二审（处/科室负责人）"]
    assert dialog.update_account(wang, name="王五", unit_id=None, roles=["review3", "review1"])
    account = account_by_login(store, "wang")
    assert (account.name, account.unit_id, account.roles) == ("王五", None, ("review3", "review1"))


def test_deactivating_and_activating_from_the_button(qtbot, dialog, store):
    add_account(dialog, "zhao", ["review1"])
    select(dialog.accounts, "zhao")
    assert dialog.active_button.text() == "停用"
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    assert row(dialog.accounts, "zhao")[ACCOUNT_COLUMNS["status"]] == "停用"
    assert dialog.active_button.text() == "启用"
    with pytest.raises(LoginFailed, match="账号已停用"):
        authenticate(store, "zhao", PASSWORD)
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    assert row(dialog.accounts, "zhao")[ACCOUNT_COLUMNS["status"]] == "启用"
    assert authenticate(store, "zhao", PASSWORD).login == "zhao"


def test_the_last_admin_cannot_be_deactivated(dialog, store):
    assert not dialog.set_active(account_id(store, ADMIN), False)
    assert dialog.error.text() == "至少要保留一个启用的管理员账号"
    assert account_by_login(store, ADMIN).active


def test_resetting_a_password_lifts_the_lock(qtbot, dialog, store):
    add_account(dialog, "qian", ["review1"])
    for _ in range(passwords.MAX_FAILED_LOGINS):
        with pytest.raises(LoginFailed):
            authenticate(store, "qian", "wrong password")
    dialog.refresh()
    assert row(dialog.accounts, "qian")[ACCOUNT_COLUMNS["status"]].startswith("锁定至 ")

    select(dialog.accounts, "qian")
    form = open_form(qtbot, dialog, dialog.password_button)
    assert isinstance(form, PasswordForm)
    qtbot.keyClicks(form.password, "qian")
    qtbot.keyClicks(form.again, "qian")
    press_ok(qtbot, dialog, form)
    assert form.error.text() == "密码至少需要 8 个字符（空格不计）"
    form.password.setText(NEW_PASSWORD)
    form.again.setText(NEW_PASSWORD)
    press_ok(qtbot, dialog, form)
    qtbot.waitUntil(lambda: dialog.form is None, timeout=TIMEOUT_MS)

    assert row(dialog.accounts, "qian")[ACCOUNT_COLUMNS["status"]] == "启用"
    assert authenticate(store, "qian", NEW_PASSWORD).login == "qian"
    with pytest.raises(LoginFailed, match="密码错误"):
        authenticate(store, "qian", PASSWORD)


def test_a_non_admin_is_refused_with_the_domains_message(qtbot, dialog, make_dialog, store):
    clerk = add_account(dialog, "clerk", ["review1"])
    own = make_dialog("clerk")
    assert not own.create_unit("办公室")
    assert own.error.text() == "只有管理员可以创建部门，clerk的姓名（一审人员）不是管理员"
    assert not own.set_active(account_id(store, ADMIN), False)
    assert own.error.text() == "只有管理员可以修改账号，clerk的姓名（一审人员）不是管理员"
    form = open_form(qtbot, own, own.new_account_button)
    form.login.setText("sneaky")
    form.name.setText("某人")
    form.roles["admin"].setChecked(True)
    form.password.setText(PASSWORD)
    form.again.setText(PASSWORD)
    press_ok(qtbot, own, form)
    assert form.error.text() == "只有管理员可以创建账号，clerk的姓名（一审人员）不是管理员"
    assert list_units(store) == []
    assert [account.login for account in list_accounts(store)] == [ADMIN, "clerk"]
    assert account_by_login(store, ADMIN).active
    assert account_by_login(store, "clerk").id == clerk


# --- 代理 ------------------------------------------------------------------------------


def combo_texts(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_a_delegation_made_in_its_form_is_listed_and_revoked(qtbot, dialog, store):
    add_account(dialog, "chief", ["review1", "review2"])
    add_account(dialog, "helper", ["drafter"])
    dialog.tabs.setCurrentIndex(DELEGATIONS_TAB)
    assert dialog.delegations.topLevelItemCount() == 0
    assert not dialog.revoke_button.isEnabled()

    form = open_form(qtbot, dialog, dialog.new_delegation_button)
    assert isinstance(form, DelegationForm)
    assert combo_texts(form.delegator) == ["chief的姓名（chief）"]  # the only reviewer
    assert combo_texts(form.level) == ["一审", "二审"]
    assert combo_texts(form.delegate) == [
        "系统管理员（admin）",
        "chief的姓名（chief）",
        "helper的姓名（helper）",
    ]
    form.delegate.setCurrentIndex(form.delegate.findText("helper的姓名（helper）"))
    form.level.setCurrentIndex(form.level.findText("二审"))
    last_day = date.today() + timedelta(days=7)
    form.last_day.setDate(QDate(last_day.year, last_day.month, last_day.day))
    form.reason.setFocus()
    type_text(form.reason, "出差")
    press_ok(qtbot, dialog, form)
    qtbot.waitUntil(lambda: dialog.form is None, timeout=TIMEOUT_MS)

    [made] = list_delegations(store)
    assert (made.from_login, made.to_login, made.level, made.reason, made.created_by) == (
        "chief",
        "helper",
        "review2",
        "出差",
        ADMIN,
    )
    assert (
        made.ends_at.astimezone()
        .isoformat(" ", "minutes")
        .startswith(f"{last_day + timedelta(days=1)} 00:00")
    )
    cells = row(dialog.delegations, "chief的姓名（chief）")
    assert cells[1:3] == ["helper的姓名（helper）", "二审"]
    assert cells[3].endswith(f" 至 {last_day + timedelta(days=1)} 00:00")
    assert cells[4] == "出差"

    select(dialog.delegations, "chief的姓名（chief）")
    assert dialog.revoke_button.isEnabled()
    qtbot.mouseClick(dialog.revoke_button, Qt.MouseButton.LeftButton)
    assert list_delegations(store) == []
    assert list_delegations(store, include_ended=True)[0].revoked_at is not None
    assert dialog.delegations.topLevelItemCount() == 0
    assert not dialog.revoke_button.isEnabled()
    assert dialog.error.text() == ""


def test_the_delegation_form_stays_open_saying_why_when_refused(qtbot, dialog, store):
    add_account(dialog, "chief", ["review2"])
    dialog.tabs.setCurrentIndex(DELEGATIONS_TAB)
    form = open_form(qtbot, dialog, dialog.new_delegation_button)
    form.delegate.setCurrentIndex(form.delegate.findText("chief的姓名（chief）"))
    form.reason.setText("出差")
    press_ok(qtbot, dialog, form)
    assert form.error.text() == "不能委托给自己"
    form.delegate.setCurrentIndex(form.delegate.findText("系统管理员（admin）"))
    form.reason.clear()
    press_ok(qtbot, dialog, form)
    assert form.error.text() == "委托理由不能为空"
    assert dialog.form is form and form.isVisible()
    assert list_delegations(store) == []
    form.reject()
    qtbot.waitUntil(lambda: dialog.form is None, timeout=TIMEOUT_MS)


def test_without_a_reviewer_nobody_can_delegate(qtbot, dialog):
    form = open_form(qtbot, dialog, dialog.new_delegation_button)
    assert form.delegator.count() == 0 and form.level.count() == 0
    press_ok(qtbot, dialog, form)
    assert form.error.text() == "请选择委托人、代理人和环节"
    form.reject()


def test_only_an_admin_revokes_someone_elses_delegation(dialog, make_dialog, store):
    chief = add_account(dialog, "chief", ["review2"])
    helper = add_account(dialog, "helper", ["drafter"])
    add_account(dialog, "clerk", ["review1"])
    values = DelegationValues(chief, helper, "review2", date.today(), "休假")
    assert dialog.delegate(values)
    [made] = list_delegations(store)
    own = make_dialog("clerk")
    assert not own.revoke_delegation(made.id)
    assert own.error.text() == "只有管理员可以撤销他人的委托，clerk的姓名（一审人员）不是管理员"
    assert list_delegations(store) == [made]
