"""The demo desk (desk/ui/screenshots/demo.py), made with the domain commands as the
window and the CLI make them, is an honest store: its tables are what its log replays to."""

from __future__ import annotations

from desk.cli import main
from desk.links import load_default_whitelist
from desk.review.approval_form import approval_form
from desk.review.verified import verify_state
from desk.store import DATABASE_NAME, open_store
from desk.ui.screenshots.demo import DemoClock, DemoDesk, demo_lexicon


def test_the_demo_desk_verifies(qapp, tmp_path, capsys):
    with open_store(tmp_path / DATABASE_NAME, clock=(clock := DemoClock())) as store:
        drafts = DemoDesk(store, demo_lexicon(), load_default_whitelist(), clock).build()
        verification = verify_state(store)
        assert verification.ok, verification.problems()
        assert approval_form(store, drafts.corrected).verified.head == verification.head
    assert main(["--data-dir", str(tmp_path), "audit", "verify"]) == 0
    assert "数据与日志一致" in capsys.readouterr().out
