"""`desk admin`: units, users and delegations from the command line; exit codes."""

import io
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta

import chinese_calendar
import pytest

from desk.cli import main
from desk.review.calendar_workdays import WorkCalendar
from desk.review.commands import new_id
from desk.review.directory import account_by_login, list_delegations, reviewers_for
from desk.review.login import LoginFailed, authenticate
from desk.store import DATABASE_NAME, open_store
from desk.store.audit import read_entries
from desk.store.models import Account
from tests.review.test_deadlines import BAD_LIST, made_up_list

pytestmark = pytest.mark.usefixtures("fast_passwords")

PASSWORD = "政务公开2026!"
ADMIN, ADMIN_PASSWORD = "boss", "管理员密码2026!"


class Terminal(io.StringIO):
    """Standard input that is a terminal."""

    def isatty(self):
        return True


@pytest.fixture
def bare_desk(tmp_path, capsys, monkeypatch):
    """Run ``desk --data-dir … admin ARGS`` without signing in: (exit code, stdout, stderr)."""

    def run(*args, stdin="", terminal=False):
        monkeypatch.setattr("sys.stdin", (Terminal if terminal else io.StringIO)(stdin))
        code = main(["--data-dir", str(tmp_path), "admin", *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture
def desk(bare_desk):
    """Run ``desk admin ARGS`` signed in as the store's admin ``ADMIN``, made first (the
    first account of an empty store, made without signing in): its password is the first
    line of stdin."""
    create_user(
        bare_desk, ADMIN, "--name", "局办管理员", "--role", "管理员", password=ADMIN_PASSWORD
    )

    def run(*args, stdin=""):
        sign_in = ("--login", ADMIN, "--password-stdin")
        return bare_desk(*sign_in, *args, stdin=f"{ADMIN_PASSWORD}\n{stdin}")

    return run


@pytest.fixture
def store(tmp_path):
    def opened():
        return open_store(tmp_path / DATABASE_NAME)

    return opened


def create_user(desk, login, *args, password=PASSWORD):
    return desk("create-user", login, "--password-stdin", *args, stdin=f"{password}\n")


def test_create_unit(desk):
    assert desk("create-unit", "办公室") == (0, "已创建部门 办公室\n", "")
    code, out, err = desk("create-unit", "办公室")
    assert (code, out) == (2, "")
    assert err == "desk admin: 部门“办公室”已存在\n"


def test_create_user_reads_the_password_from_stdin_and_stores_only_its_hash(desk, store):
    desk("create-unit", "办公室")
    code, out, err = create_user(
        desk, "zhangsan", "--name", "张三", "--unit", "办公室", "--role", "一审", "--role", "二审"
    )
    assert (code, err) == (0, "")
    assert out == "已创建账号 zhangsan（张三，办公室，一审、二审）\n"
    with store() as opened:
        assert authenticate(opened, "zhangsan", PASSWORD).roles == ("review1", "review2")
        (entry,) = [e for e in read_entries(opened) if e.payload.get("login") == "zhangsan"]
    assert (entry.name, entry.actor) == ("CreateAccount", ADMIN)
    assert entry.payload["password_hash"].startswith("sealed-sha256:")  # never the verifier
    assert PASSWORD not in str(entry.payload)


def test_create_user_without_stdin_asks_twice(desk, store, monkeypatch):
    answers = iter([PASSWORD, PASSWORD, PASSWORD, "另一个密码123"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    assert desk("create-user", "juzhang", "--name", "王局长", "--role", "审定")[0] == 0
    code, _, err = desk("create-user", "juzhang2", "--name", "李局长", "--role", "审定")
    assert (code, err) == (2, "desk admin: 两次输入的密码不一致\n")
    with store() as opened:
        assert account_by_login(opened, "juzhang").unit_name is None
        assert account_by_login(opened, "juzhang2") is None


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["--unit", "财务科"], PASSWORD, "部门“财务科”不存在（现有部门：办公室）"),
        (["--role", "局长"], PASSWORD, "未知角色 '局长'"),
        ([], "short", "密码至少需要 8 个字符"),
        ([], "ZhangSan", "密码不能与登录名相同"),
        ([], "", "标准输入中没有密码"),
    ],
)
def test_create_user_errors(desk, store, args, password, message):
    desk("create-unit", "办公室")
    code, out, err = create_user(
        desk, "zhangsan", "--name", "张三", "--role", "一审", *args, password=password
    )
    assert (code, out) == (2, "")
    assert err.startswith("desk admin: ") and message in err
    with store() as opened:
        assert account_by_login(opened, "zhangsan") is None


def test_an_unknown_unit_hints_at_create_unit(desk):
    _, _, err = create_user(
        desk, "zhangsan", "--name", "张三", "--unit", "财务科", "--role", "一审"
    )
    assert "desk admin create-unit 财务科" in err


def test_a_login_is_used_once(desk):
    create_user(desk, "zhangsan", "--name", "张三", "--role", "一审")
    code, _, err = create_user(desk, "zhangsan", "--name", "张三", "--role", "一审")
    assert (code, err) == (2, "desk admin: 登录名 zhangsan 已被使用\n")


def test_list_users(bare_desk, desk, store):
    desk("create-unit", "办公室")
    create_user(desk, "zhangsan", "--name", "张三", "--unit", "办公室", "--role", "一审")
    create_user(desk, "admin", "--name", "管理员甲", "--role", "管理员", "--role", "签发")
    create_user(desk, "lisi", "--name", "李四", "--unit", "办公室", "--role", "二审")
    with store() as opened:
        for _ in range(5):
            with pytest.raises(LoginFailed):
                authenticate(opened, "lisi", "错误的密码123")
    code, out, _ = desk("list-users")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == ["登录名", "姓名", "部门", "角色", "状态"]
    assert [row.split()[:5] for row in rows] == [
        ["admin", "管理员甲", "无", "三审签发、管理员", "正常"],
        [ADMIN, "局办管理员", "无", "管理员", "正常"],
        ["lisi", "李四", "办公室", "二审", "锁定至"],
        ["zhangsan", "张三", "办公室", "一审", "正常"],
    ]
    assert len({tuple(cell_starts(line)) for line in out.splitlines()}) == 1  # aligned


def cell_starts(line):
    """The terminal columns the cells (apart by two spaces or more) start at."""
    width = lambda text: sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)  # noqa: E731
    return [width(line[: cell.start()]) for cell in re.finditer(r"\S+(?: \S+)*", line)]


def test_set_leader_needs_the_review3_role(desk, store):
    desk("create-unit", "办公室")
    create_user(desk, "chief", "--name", "处长", "--unit", "办公室", "--role", "二审")
    create_user(desk, "leader", "--name", "副局长", "--role", "分管领导")
    code, _, err = desk("set-leader", "办公室", "chief")
    assert code == 2 and "不能担任分管领导" in err
    assert desk("set-leader", "办公室", "nobody")[2] == "desk admin: 账号 nobody 不存在\n"
    assert desk("set-leader", "办公室", "leader") == (
        0,
        "已将 副局长（leader）设为 办公室 的分管领导\n",
        "",
    )
    with store() as opened:
        unit_id = account_by_login(opened, "chief").unit_id
        assert [r.login for r in reviewers_for(opened, unit_id, "review3")] == ["leader"]


def test_delegate(desk, store):
    desk("create-unit", "办公室")
    create_user(desk, "chief", "--name", "处长", "--unit", "办公室", "--role", "二审")
    create_user(desk, "staff", "--name", "科员", "--unit", "办公室", "--role", "一审")
    until = (date.today() + timedelta(days=7)).isoformat()
    code, out, err = desk(
        "delegate", "chief", "staff", "--level", "二审", "--until", until, "--reason", "出差"
    )
    assert (code, err) == (0, "")
    assert out.startswith(
        f"已委托：科员（staff）代 处长（chief）二审，至 {until} 当天结束；委托编号 "
    )
    with store() as opened:
        unit_id = account_by_login(opened, "chief").unit_id
        reviewers = reviewers_for(opened, unit_id, "review2")
    assert [(r.login, r.acting_for) for r in reviewers] == [("chief", None), ("staff", "chief")]


SOON = (date.today() + timedelta(days=30)).isoformat()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--level", "联络员", "--until", SOON],
            "审核级别只能是一审、二审、三审签发、主要领导审定",
        ),
        (["--level", "二审", "--until", "下周五"], "截止日期应为 YYYY-MM-DD"),
        (["--level", "二审", "--until", "2000-01-01"], "已经过去"),
        (["--level", "三审", "--until", SOON], "没有三审签发权限"),
    ],
)
def test_delegate_errors(desk, args, message):
    desk("create-unit", "办公室")
    create_user(desk, "chief", "--name", "处长", "--unit", "办公室", "--role", "二审")
    create_user(desk, "staff", "--name", "科员", "--unit", "办公室", "--role", "一审")
    code, _, err = desk("delegate", "chief", "staff", *args, "--reason", "出差")
    assert code == 2 and message in err


def test_list_and_revoke_delegations(desk, store):
    assert desk("list-delegations") == (
        0,
        "当前没有生效或待生效的委托。用 desk admin delegate 设置。\n",
        "",
    )
    desk("create-unit", "办公室")
    create_user(desk, "chief", "--name", "处长", "--unit", "办公室", "--role", "二审")
    create_user(desk, "staff", "--name", "科员", "--unit", "办公室", "--role", "一审")
    until = date.today() + timedelta(days=7)
    desk("delegate", "chief", "staff", "--level", "二审", "--until", str(until), "--reason", "出差")
    with store() as opened:
        [made] = list_delegations(opened)

    code, out, err = desk("list-delegations")
    assert (code, err) == (0, "")
    header, line = out.splitlines()
    assert header.split() == ["编号", "委托人", "代理人", "环节", "起止时间", "事由", "状态"]
    cells = re.split(r"\s{2,}", line)
    assert cells[:4] == [str(made.id), "处长（chief）", "科员（staff）", "二审"]
    assert cells[4].endswith(f" 至 {until + timedelta(days=1)} 00:00")
    assert cells[5:] == ["出差", "生效中"]
    assert len({tuple(cell_starts(row)) for row in out.splitlines()}) == 1  # aligned

    assert desk("revoke-delegation", str(made.id)) == (
        0,
        f"已撤销委托：科员（staff）代 处长（chief）二审；委托编号 {made.id}\n",
        "",
    )
    assert desk("list-delegations")[1].startswith("当前没有生效或待生效的委托")
    _, listed = desk("list-delegations", "--all")[1].splitlines()
    assert re.fullmatch(r".*  出差  已于 \S+ \S+ 撤销", listed)
    code, _, err = desk("revoke-delegation", str(made.id))
    assert code == 2 and re.fullmatch(r"desk admin: 委托已于 .* 撤销\n", err)


@pytest.mark.parametrize(
    ("delegation_id", "message"),
    [
        ("12", "委托编号 '12' 无效，请用 desk admin list-delegations 列出的编号"),
        (
            "00000000-0000-0000-0000-000000000000",
            "委托 00000000-0000-0000-0000-000000000000 不存在",
        ),
    ],
)
def test_revoking_an_unknown_delegation(desk, delegation_id, message):
    assert desk("revoke-delegation", delegation_id) == (2, "", f"desk admin: {message}\n")


LIBRARY = f"chinesecalendar {chinese_calendar.__version__}"
KNOWN = WorkCalendar.official().known_years()
FUTURE = KNOWN[-1] + 1  # 2027 with chinesecalendar 1.11
HINT = "其他年份按普通周末估算；载入国务院办公厅发布的放假安排：desk admin load-holidays FILE"


def test_load_holidays_and_list_them(desk, tmp_path):
    assert desk("list-holidays") == (
        0,
        f"已知法定节假日安排的年份：\n  {KNOWN[0]}—{KNOWN[-1]} 年：内置 {LIBRARY}\n{HINT}\n",
        "",
    )
    source = tmp_path / "通知.txt"
    source.write_text(made_up_list(FUTURE), encoding="utf-8")
    saved = tmp_path / "holidays" / f"{FUTURE}.txt"
    assert desk("load-holidays", str(source)) == (
        0,
        f"已载入 {FUTURE} 年的法定节假日安排，保存为 {saved}\n"
        f"现已知安排的年份：{KNOWN[0]}—{FUTURE}\n",
        "",
    )
    assert saved.read_bytes() == source.read_bytes()
    assert desk("list-holidays")[1] == (
        f"已知法定节假日安排的年份：\n  {KNOWN[0]}—{KNOWN[-1]} 年：内置 {LIBRARY}\n"
        f"  {FUTURE} 年：本单位载入（{saved}）\n{HINT}\n"
    )


def test_a_bad_holiday_list_is_refused_listing_every_bad_line(desk, tmp_path):
    source = tmp_path / "2030.txt"
    source.write_text(BAD_LIST, encoding="utf-8")
    code, out, err = desk("load-holidays", str(source))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == "desk admin: 节假日安排无法载入（11 处错误）："
    numbers = [int(re.search(r":(\d+): ", line).group(1)) for line in lines[1:]]
    assert numbers == [3, 4, 5, 7, 8, 9, 10, 11, 12, 2, 13]
    assert lines[1] == f"  {source}:3: “2030-02-30”不是有效日期"
    assert not (tmp_path / "holidays").exists()


def test_an_unusable_data_dir_is_an_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    code = main(["--data-dir", str(blocker / "data"), "admin", "list-users"])
    assert code == 2 and "desk admin: 无法创建数据目录" in capsys.readouterr().err


# --- update-user and set-password ----------------------------------------------------


def audit_verify(tmp_path, capsys):
    """`desk audit verify`: (exit code, stdout)."""
    code = main(["--data-dir", str(tmp_path), "audit", "verify"])
    return code, capsys.readouterr().out


def journaled(store, name):
    with store() as opened:
        return [entry for entry in read_entries(opened) if entry.name == name]


def stored(store, login):
    with store() as opened:
        return account_by_login(opened, login)


@pytest.fixture
def zhangsan(desk):
    """Units 办公室 and 财务科; zhangsan (张三, 办公室, 一审) with PASSWORD."""
    desk("create-unit", "办公室")
    desk("create-unit", "财务科")
    create_user(desk, "zhangsan", "--name", "张三", "--unit", "办公室", "--role", "一审")
    return "zhangsan"


def test_update_user_changes_only_what_is_given(desk, store, zhangsan, tmp_path, capsys):
    assert desk("update-user", "zhangsan", "--name", " 张三丰 ") == (
        0,
        "已修改账号 zhangsan：姓名 张三 → 张三丰\n",
        "",
    )
    account = stored(store, "zhangsan")
    assert (account.name, account.unit_name, account.roles, account.active) == (
        "张三丰",
        "办公室",
        ("review1",),
        True,
    )
    assert desk("update-user", "zhangsan", "--unit", "财务科")[1] == (
        "已修改账号 zhangsan：部门 办公室 → 财务科\n"
    )
    # --role replaces the roles; Chinese names as for create-user
    assert desk("update-user", "zhangsan", "--role", "签发", "--role", "二审")[1] == (
        "已修改账号 zhangsan：角色 一审 → 二审、三审签发\n"
    )
    account = stored(store, "zhangsan")
    assert (account.name, account.unit_name, account.roles) == (
        "张三丰",
        "财务科",
        ("review2", "review3"),
    )
    assert desk("update-user", "zhangsan", "--no-unit")[1] == (
        "已修改账号 zhangsan：部门 财务科 → 无\n"
    )
    assert stored(store, "zhangsan").unit_id is None
    _, out, _ = desk(
        "update-user", "zhangsan", "--unit", "办公室", "--name", "张三", "--role", "一审"
    )
    assert (
        out
        == "已修改账号 zhangsan：姓名 张三丰 → 张三；部门 无 → 办公室；角色 二审、三审签发 → 一审\n"
    )

    assert (
        desk("update-user", "zhangsan", "--disable")[1] == "已修改账号 zhangsan：状态 启用 → 停用\n"
    )
    assert desk("list-users")[1].splitlines()[2].split() == [
        "zhangsan",
        "张三",
        "办公室",
        "一审",
        "已停用",
    ]
    with store() as opened, pytest.raises(LoginFailed, match="账号已停用"):
        authenticate(opened, "zhangsan", PASSWORD)
    assert (
        desk("update-user", "zhangsan", "--enable")[1] == "已修改账号 zhangsan：状态 停用 → 启用\n"
    )
    with store() as opened:
        assert authenticate(opened, "zhangsan", PASSWORD).roles == ("review1",)

    updates = journaled(store, "UpdateAccount")
    assert len(updates) == 7
    assert {entry.actor for entry in updates} == {ADMIN}
    assert audit_verify(tmp_path, capsys)[0] == 0


def test_update_user_without_a_change_journals_nothing(desk, store, zhangsan):
    code, out, err = desk(
        "update-user", "zhangsan", "--name", "张三", "--unit", "办公室", "--enable"
    )
    assert (code, err) == (0, "")
    assert out == "账号 zhangsan 没有变化（张三，办公室，一审，启用）\n"
    assert journaled(store, "UpdateAccount") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody", "--name", "某人"], "账号 nobody 不存在"),
        (
            ["zhangsan", "--unit", "人事科"],
            "部门“人事科”不存在（现有部门：办公室、财务科）。如需新建：desk admin create-unit 人事科",
        ),
        (["zhangsan", "--role", "二审", "--role", "局长"], "未知角色 '局长'，可选："),
        (["zhangsan", "--name", "  "], "姓名不能为空"),
        (["zhangsan"], "没有要修改的内容：请给出 --name、--unit、--no-unit、--role、"),
    ],
)
def test_update_user_errors_change_nothing(desk, store, zhangsan, tmp_path, capsys, args, message):
    before = stored(store, "zhangsan")
    code, out, err = desk("update-user", *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"desk admin: {message}")
    assert stored(store, "zhangsan") == before
    assert journaled(store, "UpdateAccount") == []
    assert audit_verify(tmp_path, capsys)[0] == 0


def test_update_user_keeps_the_domain_rules(desk, store):
    desk("create-unit", "办公室")
    create_user(desk, "leader", "--name", "副局长", "--role", "签发")
    desk("set-leader", "办公室", "leader")
    code, _, err = desk("update-user", ADMIN, "--disable")
    assert (code, err) == (2, "desk admin: 至少要保留一个启用的管理员账号\n")
    code, _, err = desk("update-user", "leader", "--role", "二审")
    assert code == 2 and "是办公室的分管领导，请先更换分管领导" in err
    assert stored(store, ADMIN).active and stored(store, "leader").roles == ("review3",)


def test_unit_and_no_unit_or_disable_and_enable_exclude_each_other(desk, zhangsan, capsys):
    for args in (["--unit", "财务科", "--no-unit"], ["--disable", "--enable"]):
        with pytest.raises(SystemExit) as usage:
            desk("update-user", "zhangsan", *args)
        assert usage.value.code == 2
        assert "not allowed with argument" in capsys.readouterr().err


NEW_PASSWORD = "新的密码2026#"


def test_set_password_from_stdin(desk, store, zhangsan, tmp_path, capsys):
    code, out, err = desk("set-password", "zhangsan", "--password-stdin", stdin=f"{NEW_PASSWORD}\n")
    assert (code, out, err) == (0, "已为 张三（zhangsan）设置新密码\n", "")
    with store() as opened:
        assert authenticate(opened, "zhangsan", NEW_PASSWORD).login == "zhangsan"
        with pytest.raises(LoginFailed, match="密码错误"):
            authenticate(opened, "zhangsan", PASSWORD)
    (entry,) = journaled(store, "SetPassword")
    assert entry.actor == ADMIN
    assert entry.payload["password_hash"].startswith("sealed-sha256:")  # never the verifier
    assert NEW_PASSWORD not in str(entry.payload)
    assert audit_verify(tmp_path, capsys)[0] == 0


def test_set_password_without_stdin_asks_twice(desk, store, zhangsan, monkeypatch):
    answers = iter([NEW_PASSWORD, NEW_PASSWORD + "x", NEW_PASSWORD, NEW_PASSWORD])
    prompts = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or next(answers))
    code, _, err = desk("set-password", "zhangsan")
    assert (code, err) == (2, "desk admin: 两次输入的密码不一致\n")
    assert journaled(store, "SetPassword") == []
    assert desk("set-password", "zhangsan")[0] == 0
    assert prompts == ["密码：", "再次输入密码："] * 2
    with store() as opened:
        assert authenticate(opened, "zhangsan", NEW_PASSWORD).login == "zhangsan"


def test_set_password_lifts_a_lockout(desk, store, zhangsan):
    with store() as opened:
        for _ in range(5):
            with pytest.raises(LoginFailed):
                authenticate(opened, "zhangsan", "错误的密码123")
    code, out, _ = desk("set-password", "zhangsan", "--password-stdin", stdin=f"{NEW_PASSWORD}\n")
    assert (code, out) == (0, "已为 张三（zhangsan）设置新密码，并解除了锁定\n")
    with store() as opened:
        assert authenticate(opened, "zhangsan", NEW_PASSWORD).failed_logins == 0


def test_set_password_of_a_disabled_account_says_how_to_enable_it(desk, zhangsan):
    desk("update-user", "zhangsan", "--disable")
    _, out, _ = desk("set-password", "zhangsan", "--password-stdin", stdin=f"{NEW_PASSWORD}\n")
    assert out.endswith("启用后才能登录：desk admin update-user zhangsan --enable\n")


@pytest.mark.parametrize(
    ("login", "password", "message"),
    [
        ("nobody", NEW_PASSWORD, "账号 nobody 不存在"),
        ("zhangsan", "short", "密码至少需要 8 个字符（空格不计）"),
        ("zhangsan", " " * 8, "密码至少需要 8 个字符（空格不计）"),
        ("zhangsan", "ZhangSan", "密码不能与登录名相同"),
        ("zhangsan", "", "标准输入中没有密码"),
    ],
)
def test_set_password_errors_keep_the_old_password(
    desk, store, zhangsan, tmp_path, capsys, login, password, message
):
    code, out, err = desk("set-password", login, "--password-stdin", stdin=f"{password}\n")
    assert (code, out, err) == (2, "", f"desk admin: {message}\n")
    assert journaled(store, "SetPassword") == []
    with store() as opened:
        assert authenticate(opened, "zhangsan", PASSWORD).login == "zhangsan"
    assert audit_verify(tmp_path, capsys)[0] == 0


def test_an_unknown_login_is_refused_before_asking_for_a_password(desk, monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt: pytest.fail("asked for a password"))
    assert desk("set-password", "nobody") == (2, "", "desk admin: 账号 nobody 不存在\n")


# --- signing in: administration needs an administrator ----------------------------------


def test_the_first_admin_is_made_without_signing_in_and_then_signs_in(bare_desk, store):
    assert bare_desk("list-users") == (0, "尚无账号。用 desk admin create-user 创建。\n", "")
    code, out, _ = create_user(bare_desk, "ＢＯＳＳ", "--name", "局办", "--role", "管理员")
    assert (code, out) == (0, "已创建账号 boss（局办，管理员）\n")  # the login normalized
    [entry] = journaled(store, "CreateAccount")
    assert entry.actor.startswith("cli:")  # the local command line, before there was an admin
    code, _, err = bare_desk("create-unit", "办公室")
    assert (code, err) == (
        2,
        "desk admin: 此数据库已有管理员，请以管理员身份登录："
        "desk admin --login 登录名 [--password-stdin] …\n",
    )
    ok = bare_desk(
        "--login", "boss", "--password-stdin", "create-unit", "办公室", stdin=f"{PASSWORD}\n"
    )
    assert ok == (0, "已创建部门 办公室\n", "")
    assert [(e.name, e.actor) for e in read_entries(store())][1:] == [
        ("RecordLogin", "boss"),
        ("CreateUnit", "boss"),
    ]


def test_on_an_empty_store_only_an_admin_is_made_without_signing_in(bare_desk, store):
    code, _, err = create_user(bare_desk, "wang", "--name", "王一审", "--role", "一审")
    assert code == 2 and "还没有管理员，不能创建账号：请先创建管理员账号" in err
    code, _, err = bare_desk("create-unit", "办公室")
    assert code == 2 and "desk admin create-user 登录名 --name 姓名 --role 管理员" in err
    with store() as opened:
        assert read_entries(opened) == []


@pytest.mark.parametrize("args", [(), ("--login", "leader", "--password-stdin")])
def test_logname_gives_no_rights(desk, bare_desk, store, monkeypatch, args):
    """``LOGNAME=leader desk admin create-unit X`` was logged as ``cli:leader`` and done."""
    create_user(desk, "leader", "--name", "副局长", "--role", "签发")
    monkeypatch.setenv("LOGNAME", "leader")
    monkeypatch.setenv("USER", "leader")
    code, out, err = bare_desk(*args, "create-unit", "领导小组", stdin=f"{PASSWORD}\n")
    assert (code, out) == (2, "")
    assert err in (
        "desk admin: 副局长（leader）不是管理员，不能使用 desk admin\n",
        "desk admin: 此数据库已有管理员，请以管理员身份登录："
        "desk admin --login 登录名 [--password-stdin] …\n",
    )
    assert journaled(store, "CreateUnit") == []


def test_a_wrong_admin_password_is_refused_and_counted(desk, bare_desk, store):
    code, out, err = bare_desk(
        "--login", ADMIN, "--password-stdin", "create-unit", "办公室", stdin="猜的密码123\n"
    )
    assert (code, out) == (2, "")
    assert err.startswith("desk admin: 登录名或密码错误。")
    assert [e.payload["succeeded"] for e in journaled(store, "RecordLogin")] == [False]
    assert journaled(store, "CreateUnit") == []


def test_on_a_terminal_the_login_and_password_are_asked(desk, bare_desk, monkeypatch):
    monkeypatch.setattr(
        "builtins.input", lambda prompt: ADMIN if prompt == "管理员登录名：" else ""
    )
    prompts = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or ADMIN_PASSWORD)
    assert bare_desk("create-unit", "办公室", terminal=True) == (0, "已创建部门 办公室\n", "")
    assert prompts == [f"管理员 {ADMIN} 的密码："]


def test_holiday_lists_are_loaded_by_an_admin_only(bare_desk, tmp_path):
    source = tmp_path / "通知.txt"
    source.write_text(made_up_list(FUTURE), encoding="utf-8")
    code, _, err = bare_desk("load-holidays", str(source))  # an empty store: no admin yet
    assert code == 2 and "还没有管理员，不能载入节假日安排" in err
    assert not (tmp_path / "holidays").exists()


def orphan(store, login="wang", name="王一审"):
    """An account an older Desk made on a store that never had an admin."""
    with store() as opened, opened.session() as session:
        session.add(
            Account(
                id=new_id(), login=login, name=name, unit_id=None, roles=["review1"],
                password_hash="$argon2id$x", failed_logins=0, locked_until=None, active=True,
                created_at=datetime(2026, 1, 5, tzinfo=UTC),
            )
        )  # fmt: skip


def test_a_store_without_an_admin_says_how_to_recover_one(bare_desk, store):
    orphan(store)
    code, _, err = create_user(bare_desk, "me", "--name", "我", "--role", "管理员")
    assert code == 2 and "有账号但没有启用的管理员" in err and "desk admin recover-admin" in err
    code, out, err = bare_desk(
        "recover-admin", "it", "--name", "信息科", "--password-stdin", stdin=f"{PASSWORD}\n"
    )
    assert (code, err) == (0, "")
    assert out.startswith("已创建账号 it（信息科，管理员）。这是恢复管理员操作，已以 cli:")
    [entry] = journaled(store, "RecoverAdmin")
    assert entry.actor.startswith("cli:") and entry.payload["login"] == "it"
    code, _, err = bare_desk(
        "recover-admin", "it2", "--name", "又一个", "--password-stdin", stdin=f"{PASSWORD}\n"
    )
    assert code == 2 and "已有启用的管理员 信息科（it）" in err


def test_recover_admin_refuses_an_empty_store(bare_desk):
    code, _, err = bare_desk(
        "recover-admin", "it", "--name", "信息科", "--password-stdin", stdin=f"{PASSWORD}\n"
    )
    assert code == 2 and "还没有账号，无需恢复" in err


# --- names and what is printed ---------------------------------------------------------


def test_list_users_prints_stored_escape_codes_as_text(desk, store):
    orphan(store, login="evil\u200b", name="\x1b[2J\x1b]0;owned\x07王\n五")
    _, out, _ = desk("list-users")
    assert "\x1b" not in out and "\x07" not in out
    assert "evil\\u200b  \\x1b[2J\\x1b]0;owned\\x07王\\x0a五" in out
    assert len(out.splitlines()) == 3  # the header, the admin, the old account


@pytest.mark.parametrize("look_alike", ["ＷＡＮＧ", "wang\u200b", "Wang"])
def test_look_alike_logins_are_one_login(desk, store, look_alike):
    create_user(desk, "wang", "--name", "王一审", "--role", "一审")
    code, _, err = create_user(desk, look_alike, "--name", "王二", "--role", "一审")
    assert (code, err) == (2, "desk admin: 登录名 wang 已被使用\n")
    assert desk("update-user", look_alike, "--name", "王一审甲")[1] == (
        "已修改账号 wang：姓名 王一审 → 王一审甲\n"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [("办" * 40_000, "部门名称不能超过 100 个字符"), ("办公室\n财务科", "部门名称不能包含换行")],
)
def test_a_bad_unit_name_is_refused(desk, name, message):
    code, out, err = desk("create-unit", name)
    assert (code, out) == (2, "") and message in err and len(err) < 200


# --- delegations -----------------------------------------------------------------------


def test_a_delegation_to_year_9999_is_refused_with_a_message(desk, store):
    create_user(desk, "chief", "--name", "处长", "--role", "二审")
    create_user(desk, "staff", "--name", "科员", "--role", "一审")
    code, out, err = desk(
        "delegate", "chief", "staff", "--level", "二审", "--until", "9999-12-31", "--reason", "x"
    )
    assert (code, out) == (2, "")
    assert err.startswith("desk admin: 委托最长 366 天，截止日期最晚为 ")
    with store() as opened:
        assert list_delegations(opened) == []


def test_the_same_delegation_twice_is_refused(desk, store):
    create_user(desk, "chief", "--name", "处长", "--role", "二审")
    create_user(desk, "staff", "--name", "科员", "--role", "一审")
    args = ("delegate", "chief", "staff", "--level", "二审", "--until", SOON, "--reason", "出差")
    assert desk(*args)[0] == 0
    code, _, err = desk(*args)
    assert code == 2 and "期间重叠；如需改期，请先撤销原委托" in err
    with store() as opened:
        assert len(list_delegations(opened)) == 1
