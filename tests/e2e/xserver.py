"""A real X server for the end-to-end tests: Xvfb on a free display, xdotool to type and
click as a person does, and screenshots taken by a Qt client on that display.

Nothing here knows Desk; the tests say what to do with it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

GRABBER = Path(__file__).with_name("grab_screen.py")
CLIPBOARD_OWNER = Path(__file__).with_name("clipboard_owner.py")
STEP_TIMEOUT_S = 20.0


class XServerMissing(RuntimeError):
    """Xvfb or xdotool is not installed (./dev installs both)."""


class Display:
    """One Xvfb display and the tools that act on it."""

    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def env(self) -> dict[str, str]:
        """The environment of a program that should show its windows here (xcb, not the
        offscreen platform the unit tests use)."""
        env = {**os.environ, "DISPLAY": self.name, "QT_QPA_PLATFORM": "xcb"}
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def xdotool(self, *args: str, timeout: float = STEP_TIMEOUT_S) -> str:
        done = subprocess.run(
            ["xdotool", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
        return done.stdout.strip()

    def wait_window(self, title: str, timeout: float = STEP_TIMEOUT_S) -> str:
        """The id of a visible window whose title matches the regular expression."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", title],
                env=self.env,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
            if found.returncode == 0 and found.stdout.split():
                return found.stdout.split()[-1]
            time.sleep(0.1)
        raise TimeoutError(f"no window titled {title!r} within {timeout} s")

    def window_title(self, window: str) -> str:
        return self.xdotool("getwindowname", window)

    def focus(self, window: str) -> None:
        """Give the window the keyboard (there is no window manager to do it)."""
        self.xdotool("windowfocus", "--sync", window)

    def type(self, text: str) -> None:
        """Type ASCII text. (Other characters make xdotool remap a key for each one, and
        under load the app can read the key with the next mapping: Chinese comes in by
        pasting, as it does from Word, or through an input method.)"""
        if not text.isascii():
            raise ValueError(f"type ASCII only, paste the rest: {text!r}")
        self.xdotool("type", "--delay", "30", text)

    @contextmanager
    def clipboard(self, html_file: Path) -> Iterator[None]:
        """The HTML on the clipboard (and its text), as a word processor puts it there."""
        owner = subprocess.Popen(
            [sys.executable, str(CLIPBOARD_OWNER), str(html_file)],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            if owner.stdout.readline().strip() != "ready":
                raise RuntimeError(f"the clipboard owner failed (exit {owner.wait()})")
            yield
        finally:
            owner.terminate()
            owner.wait(timeout=10)
            owner.stdout.close()

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "60", *keys)

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        """x, y, width and height of a window on the screen."""
        shell = dict(
            line.split("=", 1)
            for line in self.xdotool("getwindowgeometry", "--shell", window).split()
        )
        return int(shell["X"]), int(shell["Y"]), int(shell["WIDTH"]), int(shell["HEIGHT"])

    def screenshot(self, path: Path, window: str | None = None) -> Path:
        """A PNG of the window's part of the screen (or the whole screen)."""
        area = self.geometry(window) if window else (0, 0, -1, -1)
        subprocess.run(
            [sys.executable, str(GRABBER), str(path), *map(str, area)],
            env=self.env,
            check=True,
            timeout=STEP_TIMEOUT_S,
            capture_output=True,
        )
        return path


@contextmanager
def xvfb(size: str = "1366x768x24") -> Iterator[Display]:
    """Start Xvfb on a display it picks itself (no clash with a desktop or another run)."""
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            raise XServerMissing(f"{tool} is not installed: run ./dev setup")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as announced:
            number = announced.readline().strip()
        if not re.fullmatch(r"\d+", number):
            raise XServerMissing(f"Xvfb did not start (exit {server.poll()})")
        yield Display(f":{number}")
    finally:
        server.terminate()
        server.wait(timeout=10)
