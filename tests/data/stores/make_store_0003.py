"""Writes store-0003.db: a store as Desk wrote it before issue 12 (schema 0003), whose
journal holds the argon2 verifiers of CreateAccount and SetPassword and whose approvals
recorded a re-check the log did not. tests/store/test_journal_migration.py migrates it.

It was made with the code of commit 6f4016c (the last before the change), through its
domain commands, by running this file with that code first on the path:

    git archive 6f4016c | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old .venv/bin/python tests/data/stores/make_store_0003.py
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher

from desk.lexicon import Entry, Lexicon
from desk.links import parse_whitelist
from desk.review import passwords
from desk.review.accounts import Delegate, RevokeDelegation, SetPassword, UpdateAccount
from desk.review.check import Checker
from desk.review.commands import DeleteDraft, IgnoreFinding, RecordRecovery, apply, new_id
from desk.review.login import authenticate
from desk.review.recheck import StoredTextChecker
from desk.review.workflow import Reject, Retract, Withdraw, check_snapshot
from desk.store import open_store
from tests.flow import ADMIN, Org

TARGET = Path(__file__).with_name("store-0003.db")
PASSWORD = "correct horse battery"  # liaison's, for the test to sign in with


def main() -> None:
    TARGET.unlink(missing_ok=True)
    passwords.HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with open_store(TARGET) as store:
        org = Org(store)
        ids = org.ids
        liaison = passwords.hash_password(PASSWORD, login="liaison")
        apply(store, SetPassword(new_id(), ADMIN, ids["liaison"], liaison))
        passwords.HASHER = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
        authenticate(store, "liaison", PASSWORD)  # RecordLogin, and SetPassword: upgraded
        apply(
            store,
            UpdateAccount(
                new_id(), ADMIN, ids["chief2"], "副科长", org.unit, ["review1", "review2"], True
            ),
        )
        now = datetime.now(UTC)
        delegation = new_id()
        apply(
            store,
            Delegate(
                new_id(), "leader", delegation, ids["leader"], ids["chief2"], "review3",
                (now - timedelta(hours=1)).isoformat(), (now + timedelta(days=3)).isoformat(),
                "出差",
            ),
        )  # fmt: skip
        checker = StoredTextChecker(
            Checker(Lexicon.from_entries([Entry("网传", "不实信息", "warn")]), parse_whitelist(""))
        )
        reported = check_snapshot(checker.lexicon_hash, checker.whitelist_hash, [])
        draft = org.draft(text="网传消息不实，特此说明。")
        apply(
            store,
            IgnoreFinding(
                new_id(), "liaison", draft, "lexicon.term", "body", 0, 2, "网传", "网传", "原文"
            ),
        )
        org.attributes(draft)
        store.checker = checker
        org.submit(draft, check=reported)
        org.approve(draft, "review1", "staff", check=reported)
        store.checker = None
        apply(store, Reject(new_id(), "chief", draft, "review2", org.hash(draft), "请核实"))
        org.submit(draft)
        apply(store, Withdraw(new_id(), "liaison", draft))
        org.submit(draft)
        org.approve(draft, "review1", "staff")
        org.approve(draft, "review2", "chief")
        org.approve(draft, "review3", "chief2")
        org.publish(draft)
        apply(store, Retract(new_id(), "leader", draft, "信息已过期"))
        apply(store, RevokeDelegation(new_id(), "leader", delegation))
        scrapped = org.draft(author="liaison2")
        apply(store, DeleteDraft(new_id(), "liaison2", scrapped))
        apply(store, RecordRecovery(new_id(), "liaison", draft, "通知", "<p>未保存</p>"))
    connection = sqlite3.connect(TARGET)
    connection.execute("PRAGMA journal_mode = DELETE")  # one file, as checked in
    connection.execute("VACUUM")
    connection.close()


if __name__ == "__main__":
    main()
