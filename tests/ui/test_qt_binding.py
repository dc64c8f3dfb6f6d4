"""Qt is imported in one place (qt.py; qt_web.py for the late-loaded QtWebEngine), and the pinned binding survives a long session."""

import ast
import subprocess
import sys
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "desk" / "ui"


def test_only_desk_ui_qt_imports_the_binding():
    offenders = []
    for path in UI.rglob("*.py"):
        if path.name in ("qt.py", "qt_web.py") and path.parent == UI:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [
                f"{path.name}: {n}" for n in names if n.split(".")[0] in ("PySide6", "shiboken6")
            ]
    assert offenders == []


def test_a_long_session_of_qt_calls_does_not_free_none_or_true():
    # PySide6 6.12.0 drops a reference to None/True per call on Python 3.11 and aborts the
    # interpreter ("deallocating None"); pyproject.toml excludes it. This catches a relapse.
    script = (
        "import desk.ui.qt as qt\n"
        "app = qt.QApplication([])\n"
        "document = qt.QTextDocument()\n"
        "document.setPlainText('x' * 10)\n"
        "cursor = qt.QTextCursor(document)\n"
        "timer = qt.QTimer()\n"
        "for i in range(50_000):\n"
        "    cursor.setPosition(i % 10)\n"
        "    timer.timeout.emit()\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        cwd=UI.parents[1],
    )
    assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stderr
