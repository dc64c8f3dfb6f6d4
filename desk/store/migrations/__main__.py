"""Write a new migration: ``python -m desk.store.migrations "what changed" [--rev-id N]``.

Autogenerates it by comparing ``desk/store/models.py`` with a scratch database migrated
to the current head; read the result and correct it before committing.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from alembic import command

from desk.store.database import open_store
from desk.store.migrations import alembic_config


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m desk.store.migrations")
    parser.add_argument("message")
    parser.add_argument("--rev-id", help="the revision id (default: the next number, 0002 …)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "scratch.db")
        try:
            with store.engine.begin() as connection:
                config = alembic_config(connection)
                rev_id = args.rev_id or _next_number(config)
                command.revision(config, args.message, autogenerate=True, rev_id=rev_id)
        finally:
            store.close()


def _next_number(config) -> str:
    from alembic.script import ScriptDirectory

    numbers = [int(s.revision) for s in ScriptDirectory.from_config(config).walk_revisions()]
    return f"{max(numbers, default=0) + 1:04d}"


if __name__ == "__main__":
    main()
