"""Layering rules from DEVELOPERS.md that a test can hold us to."""

import ast
from pathlib import Path

DESK = Path(__file__).resolve().parent.parent / "desk"
QT_MODULES = ("PySide6", "shiboken6")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_desk_ui_imports_qt():
    offenders = [
        str(path.relative_to(DESK.parent))
        for path in DESK.rglob("*.py")
        if "ui" not in path.relative_to(DESK).parts[:1]
        and any(name.split(".")[0] in QT_MODULES for name in imported_modules(path))
    ]
    assert offenders == []


def test_the_check_finds_qt_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert "PySide6.QtCore" in imported_modules(sample)
