"""Guessing at logins: a refusal tells nothing about the account, costs the same for a
login nobody has, is on record, and parallel guesses are counted one after the other."""

import statistics
import threading
import time

import pytest
from argon2 import PasswordHasher

from desk.review import passwords
from desk.review.accounts import CreateAccount
from desk.review.commands import apply, new_id
from desk.review.directory import account_by_login
from desk.review.login import REFUSED, LoginFailed, authenticate
from desk.store import open_store
from desk.store.audit import read_entries
from tests.flow import first_admin

pytestmark = pytest.mark.usefixtures("fast_passwords")

PASSWORD = "政务公开2026!"
WRONG = "错误的密码123"


def make_account(store, login="zhangsan"):
    digest = passwords.hash_password(PASSWORD, login=login)
    apply(
        store, CreateAccount(new_id(), "admin", new_id(), login, "张三", None, ["review1"], digest)
    )


@pytest.fixture
def desk(store):
    first_admin(store)
    make_account(store)
    return store


def refusal(store, login, password):
    with pytest.raises(LoginFailed) as failed:
        authenticate(store, login, password)
    return str(failed.value)


def test_an_unknown_login_a_wrong_password_and_a_lock_get_the_same_answer(desk):
    answers = {refusal(desk, "nobody", PASSWORD), refusal(desk, "zhangsan", WRONG)}
    for _ in range(passwords.MAX_FAILED_LOGINS):
        answers.add(refusal(desk, "zhangsan", WRONG))
    assert account_by_login(desk, "zhangsan").locked_until is not None
    answers.add(refusal(desk, "zhangsan", PASSWORD))  # the right one, while locked
    answers.add(refusal(desk, "nobody", WRONG))
    assert answers == {REFUSED}
    assert "还可尝试" not in REFUSED


def test_failed_logins_on_unknown_logins_are_on_record(desk):
    before = len(read_entries(desk))
    refusal(desk, "ＮＯＢＯＤＹ", PASSWORD)
    refusal(desk, "evil\x1b[2J", PASSWORD)
    logged = [(e.name, e.actor, e.payload["login"]) for e in read_entries(desk)[before:]]
    assert logged == [
        ("RecordUnknownLogin", "nobody", "nobody"),
        ("RecordUnknownLogin", "evil\\x1b[2j", "evil\\x1b[2j"),
    ]


def test_an_unknown_login_is_checked_against_a_hash_like_a_real_one(desk, monkeypatch):
    checked = []
    verify = passwords.verify_password

    def spy(digest, password):
        checked.append(digest)
        return verify(digest, password)

    monkeypatch.setattr(passwords, "verify_password", spy)
    refusal(desk, "nobody", PASSWORD)
    refusal(desk, "zhangsan", WRONG)
    unknown, known = checked
    assert not passwords.HASHER.check_needs_rehash(unknown)  # the hasher's own parameters
    assert unknown.split("$")[:4] == known.split("$")[:4]


def test_an_unknown_login_costs_what_a_wrong_password_costs(tmp_path, monkeypatch):
    """Measured with a hasher costly enough (some ms) to stand out from the database."""
    monkeypatch.setattr(passwords, "HASHER", PasswordHasher(time_cost=3, memory_cost=2**14))
    with open_store(tmp_path / "desk.db") as store:
        first_admin(store)
        make_account(store)

        def cost(login, password):
            started = time.perf_counter()
            with pytest.raises(LoginFailed):
                authenticate(store, login, password)
            return time.perf_counter() - started

        known = statistics.median(cost("zhangsan", WRONG) for _ in range(4))
        assert account_by_login(store, "zhangsan").failed_logins == 4  # not locked yet
        unknown = statistics.median(cost("nobody", WRONG) for _ in range(4))
    assert unknown > known / 2, (unknown, known)


def test_parallel_guesses_are_counted_one_after_the_other(desk, monkeypatch):
    """40 guesses at once: each is judged after the one before is recorded, so once five
    have failed none is checked against an open account, the right one included."""
    running, most = 0, 0
    lock = threading.Lock()
    verify = passwords.verify_password

    def slow_verify(digest, password):
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.005)
        try:
            return verify(digest, password)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(passwords, "verify_password", slow_verify)
    guesses = [WRONG + str(i) for i in range(39)] + [PASSWORD]
    start = threading.Barrier(len(guesses))
    answers = []

    def guess(password):
        start.wait()
        try:
            authenticate(desk, "zhangsan", password)
            answers.append("signed in")
        except LoginFailed as refused:
            answers.append(str(refused))

    threads = [threading.Thread(target=guess, args=(p,)) for p in guesses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert most == 1  # never two checks at once
    attempts = [e.payload["succeeded"] for e in read_entries(desk) if e.name == "RecordLogin"]
    assert len(attempts) == len(answers) == 40
    if True in attempts:  # the right guess came before the fifth failure
        assert attempts.index(True) < passwords.MAX_FAILED_LOGINS
        assert answers.count("signed in") == 1
    else:
        assert answers.count("signed in") == 0
    assert set(answers) - {"signed in"} == {REFUSED}
    account = account_by_login(desk, "zhangsan")
    assert account.failed_logins == passwords.MAX_FAILED_LOGINS
    assert account.locked_until is not None
