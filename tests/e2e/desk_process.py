"""`desk` as a user runs it, on an X display: start it, sign in with the keyboard, find
its window, and make sure it is still running."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from desk.review.drafts import DraftSummary, list_drafts
from desk.store import DATABASE_NAME, open_store
from tests.e2e.xserver import Display

STARTED_IN_S = 30.0
RECREATED_IN_S = 5.0
MAIN_WINDOW = "^Desk 审校台"  # the title starts so, whoever is signed in
LOGIN_WINDOW = "登录 Desk 审校台"

T = TypeVar("T")


class DeskProcess:
    """One running `desk --data-dir DIR`; its output goes to ``log``."""

    def __init__(self, display: Display, data_dir: Path, log: Path) -> None:
        self.display = display
        self.data_dir = data_dir
        self.log = log
        program = Path(sys.executable).with_name("desk")  # the console script
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [str(program), "--data-dir", str(data_dir)],
                env=display.env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def alive(self) -> None:
        code = self.process.poll()
        assert code is None, f"desk exited with {code}:\n{self.log.read_text()}"

    def sign_in(self, login: str, password: str, *, remembered: bool = False) -> str:
        """Type the login and password into the login dialog; the main window's id.
        ``remembered``: the dialog shows the last login with the cursor in the password
        field, so Shift+Tab goes back to the login (selected) first."""
        dialog = self.display.wait_window(LOGIN_WINDOW, timeout=STARTED_IN_S)
        self.display.focus(dialog)
        if remembered:
            self.display.key("shift+Tab")
        self.display.type(login)
        self.display.key("Tab")
        self.display.type(password)
        self.display.key("Return")
        return self.main_window()

    def main_window(self, replacing: str | None = None) -> str:
        """The main window, focused. ``replacing``: the window's id before the preview was
        first opened: Qt then recreates the X window for the web view's OpenGL surface,
        and the new one is waited for (a few seconds at most)."""
        self.alive()
        window = self.display.wait_window(MAIN_WINDOW, timeout=STARTED_IN_S)
        deadline = time.monotonic() + RECREATED_IN_S
        while window == replacing and time.monotonic() < deadline:
            time.sleep(0.1)
            self.alive()
            window = self.display.wait_window(MAIN_WINDOW, timeout=STARTED_IN_S)
        self.display.focus(window)
        return window

    def drafts(self) -> list[DraftSummary]:
        store = open_store(self.data_dir / DATABASE_NAME)
        try:
            return list_drafts(store)
        finally:
            store.close()

    def wait_for(self, what: str, condition: Callable[[], T], every: float = 0.25) -> T:
        """Poll ``condition`` until it holds, checking that desk still runs."""
        deadline = time.monotonic() + STARTED_IN_S
        while time.monotonic() < deadline:
            self.alive()
            value = condition()
            if value:
                return value
            time.sleep(every)
        raise TimeoutError(f"timed out waiting for {what}")

    def wait_for_status(self, status: str, within: float) -> bool:
        """Whether a draft reaches ``status`` within so many seconds."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if any(draft.status == status for draft in self.drafts()):
                return True
            time.sleep(0.25)
        return False

    def quit(self) -> int:
        """Ctrl+Q, as a person quits; the exit status."""
        self.display.key("ctrl+q")
        return self.process.wait(timeout=STARTED_IN_S)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
