"""Fixtures for the local store tests."""

from datetime import UTC, datetime, timedelta

import pytest

from desk.store import open_store


class FakeClock:
    """A clock that moves one second every time it is read."""

    def __init__(self, start: datetime = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "desk.db"


@pytest.fixture
def store(db_path):
    with open_store(db_path, busy_timeout=0.3, clock=FakeClock()) as opened:
        yield opened
