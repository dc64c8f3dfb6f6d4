"""The tables are what replaying the audit log produces (desk.review.verified), and
`desk audit verify` says where they are not; the log holds no password verifier."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from desk.cli import main
from desk.lexicon import Entry, Lexicon
from desk.links import parse_whitelist
from desk.review import recheck
from desk.review.accounts import (
    Delegate,
    RevokeDelegation,
    SetPassword,
    UpdateAccount,
)
from desk.review.check import Checker
from desk.review.commands import (
    COMMANDS,
    ClearRecovery,
    DeleteDraft,
    IgnoreFinding,
    RecordRecovery,
    SaveRevision,
    apply,
    new_id,
)
from desk.review.login import LoginFailed, authenticate
from desk.review.recheck import StoredTextChecker
from desk.review.verified import (
    REPLICA_NAME,
    StateUnverified,
    verified_state,
    verify_state,
)
from desk.review.workflow import (
    Reject,
    RequestModification,
    Retract,
    Withdraw,
    check_snapshot,
)
from desk.store import DATABASE_NAME, audit, open_store
from tests.flow import ADMIN, Org

CHECKER = StoredTextChecker(
    Checker(Lexicon.from_entries([Entry("网传", "不实信息", "warn")]), parse_whitelist("gov.cn\n"))
)
REPORTED = check_snapshot(CHECKER.lexicon_hash, CHECKER.whitelist_hash, [])
PASSWORD = "correct horse battery"
NOT_JOURNALED = {"RecordRecovery", "ClearRecovery"}
# RecoverAdmin needs a store with accounts and no admin, which no command can make now:
# it is replayed on an older Desk's store in test_an_older_store_recovers_its_admin.
ONLY_ON_OLDER_STORES = {"RecoverAdmin"}


def honest_steps(org):
    """Every kind of command, as the window and the CLI use them; yields after each step
    (a command, or a login that applies one or two)."""
    store = org.store
    ids = org.ids
    yield apply(
        store,
        UpdateAccount(
            new_id(), ADMIN, ids["chief2"], "副科长", org.unit, ["review1", "review2"], True
        ),
    )
    old_hasher = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    yield apply(store, SetPassword(new_id(), ADMIN, ids["liaison"], old_hasher.hash(PASSWORD)))
    with pytest.raises(LoginFailed):
        authenticate(store, "liaison", "wrong password")
    yield "RecordLogin (failed)"
    with pytest.raises(LoginFailed):
        authenticate(store, "nobody", "a guess")
    yield "RecordUnknownLogin"
    yield authenticate(store, "liaison", PASSWORD)  # and SetPassword: the hash is upgraded
    now = datetime.now(UTC)
    delegation = new_id()
    yield apply(
        store,
        Delegate(
            new_id(), "leader", delegation, ids["leader"], ids["chief2"], "review3",
            (now - timedelta(hours=1)).isoformat(), (now + timedelta(days=3)).isoformat(), "出差",
        ),
    )  # fmt: skip
    text = "网传消息不实，特此说明。"
    draft = org.draft(text=text, major=True)  # CreateDraft, SetDraftDetails
    yield draft
    same = SaveRevision(new_id(), "liaison", draft, "通知", f"<p>{text}</p>", text)
    yield apply(store, same)  # the same text: saves nothing, journaled all the same
    ignore = IgnoreFinding(
        new_id(), "liaison", draft, "lexicon.term", "body", 0, 2, "网传", "网传", "原文引用"
    )
    yield apply(store, ignore)
    yield apply(store, RecordRecovery(new_id(), "liaison", draft, "通知", "<p>未保存</p>"))
    yield org.attributes(draft)
    store.checker = CHECKER  # the domain re-checks: what it judged is recorded
    yield org.submit(draft, check=REPORTED)
    yield org.approve(draft, "review1", "staff", check=REPORTED)
    store.checker = None
    yield apply(store, Reject(new_id(), "chief", draft, "review2", org.hash(draft), "请核实"))
    fixed = "网传消息不实，特此更正说明。"
    yield apply(store, SaveRevision(new_id(), "liaison", draft, "通知", f"<p>{fixed}</p>", fixed))
    yield org.submit(draft)
    yield apply(store, Withdraw(new_id(), "liaison", draft))
    yield org.submit(draft)
    yield org.approve(draft, "review1", "staff")
    yield org.approve(draft, "review2", "chief")
    yield org.approve(draft, "review3", "chief2")  # standing in for the leader
    yield org.approve(draft, "principal", "boss")
    yield org.publish(draft)
    yield apply(store, RequestModification(new_id(), "liaison", draft, "联系电话有误"))
    yield apply(store, Retract(new_id(), "leader", draft, "信息已过期"))
    yield apply(store, RevokeDelegation(new_id(), "leader", delegation))
    scrapped = org.draft(author="liaison2")
    yield apply(store, ClearRecovery(new_id(), "liaison", draft))
    yield apply(store, DeleteDraft(new_id(), "liaison2", scrapped))


@pytest.fixture
def honest(org, fast_passwords):
    """The organisation's store after every kind of command."""
    for _step in honest_steps(org):
        pass
    return org


def journal(store, column="payload"):
    connection = sqlite3.connect(store.path)
    try:
        return [row[0] for row in connection.execute(f"SELECT {column} FROM applied_commands")]
    finally:
        connection.close()


def test_the_tables_match_the_log_after_every_kind_of_command(org, fast_passwords):
    assert verified_state(org.store).entries > 0  # the organisation
    for _step in honest_steps(org):
        verified_state(org.store)  # raises StateUnverified when they don't match
    names = {entry.name for entry in audit.read_entries(org.store)}
    # every kind was journaled and replayed
    assert names == set(COMMANDS) - NOT_JOURNALED - ONLY_ON_OLDER_STORES
    verification = verify_state(org.store)
    assert verification.ok, verification.problems()
    assert verification.rows > 20 and verification.head == audit.verify_store(org.store).head


def test_desk_audit_verify_passes_on_an_honest_store(honest, capsys):
    assert main(["--data-dir", str(honest.store.path.parent), "audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "审计日志完整" in out and "数据与日志一致" in out and "内容哈希均已按正文重算" in out


def test_the_replay_takes_the_recorded_check_and_checks_nothing(honest, monkeypatch):
    checks = [entry.recorded for entry in audit.read_entries(honest.store) if entry.recorded]
    assert len(checks) == 2 and all(check["check"]["rechecked"] for check in checks)

    def no_check(*args, **kwargs):
        raise AssertionError("the replay ran the check")

    monkeypatch.setattr(recheck, "verify", no_check)
    monkeypatch.setattr(StoredTextChecker, "check", no_check)
    honest.store.checker = CHECKER  # even attached to the store, it is not the replica's
    assert verify_state(honest.store).ok


def test_no_password_verifier_is_ever_journaled(honest):
    payloads = " ".join(journal(honest.store))
    assert "$argon2" not in payloads and PASSWORD not in payloads
    assert payloads.count("sealed-sha256:") == 10 + 2  # the admin, 9 accounts, 2 passwords


# --- what is found -----------------------------------------------------------------------


@pytest.fixture
def published(org):
    """A draft published after 三审, an ignored finding on another."""
    draft = org.draft()
    org.through_signing(draft)
    org.publish(draft)
    other = org.draft(text="网传消息。")
    ignore = IgnoreFinding(
        new_id(), "liaison", other, "lexicon.term", "body", 0, 2, "网传", None, "原文引用"
    )
    apply(org.store, ignore)
    return org, draft


def tamper(store, *statements):
    connection = sqlite3.connect(store.path)
    with connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def desk_audit_verify(store, capsys):
    code = main(["--data-dir", str(store.path.parent), "audit", "verify"])
    return code, capsys.readouterr().err


def forged_approvals(store, draft):
    """The probe's forgery: three approvals inserted by SQL, the draft set ready."""
    for level, actor in (("review1", "staff"), ("review2", "chief"), ("review3", "leader")):
        tamper(
            store,
            "INSERT INTO review_actions SELECT"
            f" '{uuid.uuid4()}', draft_id, revision_id, '{level}', 'approve', '{actor}',"
            " content_hash, '同意', 1, '[]', \"check\", created_at, NULL, NULL"
            f" FROM review_actions WHERE action = 'submit' AND draft_id = '{draft}'",
        )
    tamper(store, f"UPDATE drafts SET status = 'ready' WHERE id = '{draft}'")


def test_forged_approvals_are_found(org, capsys):
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    forged_approvals(org.store, draft)
    code, err = desk_audit_verify(org.store, capsys)
    assert code == 1
    assert (
        f"drafts（稿件）表行 {draft} 的 status 列：数据库中为 “ready”，按日志应为 “review1”" in err
    )
    assert "review_actions（审核记录）表多出一行" in err and "日志中没有产生它的命令" in err


def test_a_publication_through_forged_approvals_is_found(org, capsys):
    """Publishing goes through the real command once the forged rows are in: the log
    then holds a Publish its replay refuses."""
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    forged_approvals(org.store, draft)
    org.publish(draft)
    code, err = desk_audit_verify(org.store, capsys)
    assert (
        code == 1 and "（Publish，" in err and "时出错：命令被拒绝：稿件待一审，尚未完成签发" in err
    )


def test_a_forged_publication_is_found(published, capsys):
    org, _draft = published
    tamper(
        org.store,
        f"INSERT INTO publications SELECT '{uuid.uuid4()}', draft_id, revision_id, content_hash,"
        " 'publish', '[\"微博\"]', actor, at, NULL FROM publications",
    )
    code, err = desk_audit_verify(org.store, capsys)
    assert code == 1 and "publications（发布记录）表多出一行" in err


@pytest.mark.parametrize("column", ["body_html", "body_text", "title"])
def test_an_edited_revision_text_is_found(published, capsys, column):
    org, draft = published
    tamper(org.store, f"UPDATE revisions SET {column} = '改过的' WHERE draft_id = '{draft}'")
    code, err = desk_audit_verify(org.store, capsys)
    assert code == 1 and f" 的 {column} 列：数据库中为 “改过的”，按日志应为 “" in err
    if column != "body_text":  # the content hash covers title and html, not the plain text
        assert "标题、正文或属性与其内容哈希不符，文本被改动过" in err


def test_a_text_edited_with_its_hash_recomputed_is_found(published, capsys):
    org, draft = published
    tamper(
        org.store,
        "UPDATE revisions SET body_html = '<p>改过</p>', content_hash = 'f' || substr(content_hash, 2)"
        f" WHERE draft_id = '{draft}'",
        "UPDATE publications SET content_hash = 'f' || substr(content_hash, 2)",
    )
    code, err = desk_audit_verify(org.store, capsys)
    assert code == 1 and "content_hash 列" in err and "publications（发布记录）表" in err


@pytest.mark.parametrize(
    ("table", "named"),
    [
        ("ignored_findings", "ignored_findings（忽略的提示）表缺少一行"),
        ("review_actions", "review_actions（审核记录）表缺少一行"),
        ("publications", "publications（发布记录）表缺少一行"),
    ],
)
def test_a_deleted_row_is_found(published, capsys, table, named):
    org, _draft = published
    tamper(org.store, f"DELETE FROM {table} WHERE rowid = 1")
    code, err = desk_audit_verify(org.store, capsys)
    assert code == 1 and named in err and "日志中的命令产生了它" in err


def test_a_changed_account_role_is_found(published, capsys):
    org, _draft = published
    tamper(
        org.store, "UPDATE accounts SET roles = '[\"drafter\", \"admin\"]' WHERE login = 'liaison'"
    )
    code, err = desk_audit_verify(org.store, capsys)
    assert code == 1
    assert f"accounts（账号）表行 {org.ids['liaison']} 的 roles 列" in err
    assert '按日志应为 “["drafter"]”' in err


def test_an_edited_unit_leader_is_found(published, capsys):
    org, _draft = published
    tamper(org.store, f"UPDATE units SET leader_id = '{org.ids['chief2']}' WHERE name = '办公室'")
    code, err = desk_audit_verify(org.store, capsys)
    assert code == 1 and f"units（部门）表行 {org.unit} 的 leader_id 列" in err


def test_a_swapped_password_verifier_is_found_without_showing_it(published, capsys):
    org, _draft = published
    tamper(
        org.store, "UPDATE accounts SET password_hash = '$argon2id$forged' WHERE login = 'leader'"
    )
    code, err = desk_audit_verify(org.store, capsys)
    assert code == 1 and "password_hash 列与日志记下的不符（密码验证值被替换过）" in err
    assert "forged" not in err


def test_a_broken_chain_is_named_before_the_tables(published, capsys):
    org, _draft = published
    tamper(org.store, "UPDATE applied_commands SET actor = 'x' WHERE seq = 5")
    code, err = desk_audit_verify(org.store, capsys)
    assert code == 1 and err.startswith("审计日志已被改动：第 5 条")


# --- the replica kept next to the database --------------------------------------------


def test_the_replica_catches_up_and_a_tampered_replica_is_rebuilt(published):
    org, draft = published
    first = verified_state(org.store)
    replica = org.store.path.with_name(REPLICA_NAME)
    assert replica.exists()
    apply(org.store, RequestModification(new_id(), "liaison", draft, "更正"))
    later = verified_state(org.store)
    assert later.entries == first.entries + 1 and later.head != first.head
    tamper_replica = sqlite3.connect(replica)  # the cache says something else …
    with tamper_replica:
        tamper_replica.execute("UPDATE drafts SET status = 'ready'")
    tamper_replica.close()
    assert verified_state(org.store) == later  # … and is made again from the log


def test_a_forgery_in_the_tables_and_the_replica_alike_is_still_found_by_the_full_replay(
    published,
):
    org, draft = published
    verified_state(org.store)
    statement = f"UPDATE drafts SET status = 'draft' WHERE id = '{draft}'"
    tamper(org.store, statement)
    replica = sqlite3.connect(org.store.path.with_name(REPLICA_NAME))
    with replica:
        replica.execute(statement)
    replica.close()
    assert verified_state(org.store)  # the cache is only a cache …
    assert not verify_state(org.store).ok  # … `desk audit verify` trusts nothing but the log


def test_a_replica_of_another_log_is_replaced(published, tmp_path):
    org, _draft = published
    with open_store(tmp_path / "other" / DATABASE_NAME) as other:
        Org(other).draft()
        verified_state(other)
    shutil.copyfile(tmp_path / "other" / REPLICA_NAME, org.store.path.with_name(REPLICA_NAME))
    assert verified_state(org.store).head == audit.verify_store(org.store).head


def test_a_damaged_replica_is_replaced(published):
    org, _draft = published
    org.store.path.with_name(REPLICA_NAME).write_bytes(b"not a database at all" * 100)
    assert verified_state(org.store).head == audit.verify_store(org.store).head
    assert verified_state(org.store).head == audit.verify_store(org.store).head  # made again


def test_the_state_of_one_draft_is_proved_with_the_people(published):
    org, draft = published
    other = org.draft(author="liaison2")
    tamper(org.store, f"UPDATE drafts SET status = 'ready' WHERE id = '{other}'")
    assert verified_state(org.store, draft).entries  # another draft's row is not its form's
    with pytest.raises(StateUnverified, match="drafts（稿件）表"):
        verified_state(org.store, other)
    with pytest.raises(StateUnverified, match="drafts（稿件）表"):
        verified_state(org.store)
    tamper(org.store, "UPDATE accounts SET name = '假名' WHERE login = 'leader'")
    with pytest.raises(StateUnverified, match="accounts（账号）表"):
        verified_state(org.store, draft)


def test_an_unverifiable_store_says_so(published):
    org, _draft = published
    tamper(org.store, "DELETE FROM ignored_findings")
    with pytest.raises(
        StateUnverified, match=r"^数据与审计日志不符，不能据此生成：ignored_findings"
    ):
        verified_state(org.store)
