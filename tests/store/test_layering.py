"""Rows change only through the domain commands: only `apply` opens a write session, and
only the store and the domain (desk/review: commands, their handlers and queries)
import the table models."""

import ast
from pathlib import Path

DESK = Path(__file__).resolve().parents[2] / "desk"

MAY_IMPORT_MODELS = ("desk/store/", "desk/review/")
MAY_WRITE = ("desk/review/commands.py",)


def offences(path: Path, root: Path = DESK.parent) -> list[str]:
    """What in this file writes rows or reaches the models without being allowed to."""
    relative = path.relative_to(root).as_posix()
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            names = []
        if any(name.startswith("desk.store.models") for name in names) and not relative.startswith(
            MAY_IMPORT_MODELS
        ):
            found.append(f"{relative}: imports desk.store.models")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "session"
            and relative not in MAY_WRITE
        ):
            found.append(f"{relative}:{node.lineno}: opens a write session")
    return found


def test_only_the_domain_commands_write_rows():
    assert [o for path in sorted(DESK.rglob("*.py")) for o in offences(path)] == []


def test_the_check_finds_a_direct_write(tmp_path):
    folder = tmp_path / "desk" / "ui"
    folder.mkdir(parents=True)
    sample = folder / "editor.py"
    sample.write_text(
        "from desk.store.models import Draft\n"
        "def save(store):\n"
        "    with store.session() as session:\n"
        "        session.add(Draft())\n",
        encoding="utf-8",
    )
    assert offences(sample, root=tmp_path) == [
        "desk/ui/editor.py: imports desk.store.models",
        "desk/ui/editor.py:3: opens a write session",
    ]
