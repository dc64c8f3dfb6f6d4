"""The store and the domain commands are plain Python: importing them loads no Qt."""

import json
import subprocess
import sys

STORE_MODULES = "desk.store, desk.review.commands, desk.review.drafts, desk.paths"


def modules_loaded_by(imports: str) -> set[str]:
    code = f"import json, sys; import {imports}; print(json.dumps(sorted(sys.modules)))"
    child = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return set(json.loads(child.stdout))


def qt(modules: set[str]) -> set[str]:
    return {name for name in modules if name.split(".")[0] in ("PySide6", "shiboken6")}


def test_importing_the_store_and_the_commands_loads_no_qt():
    modules = modules_loaded_by(STORE_MODULES)
    assert {"desk.store.database", "desk.review.commands", "sqlalchemy"} <= modules
    assert qt(modules) == set()


def test_the_check_sees_qt_when_it_is_loaded():
    assert "PySide6.QtCore" in qt(modules_loaded_by(f"{STORE_MODULES}, PySide6.QtCore"))


def test_opening_a_store_at_the_current_schema_does_not_load_alembic(tmp_path):
    from desk.store import open_store

    path = tmp_path / "desk.db"
    open_store(path).close()
    code = (
        "import sys; from desk.store import open_store; "
        f"open_store({str(path)!r}).close(); print('alembic' in sys.modules)"
    )
    child = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert child.stdout.strip() == "False"
