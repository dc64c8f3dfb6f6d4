"""Alembic migrations of the local store, run from code: no alembic.ini.

``open_store`` brings every database to ``SCHEMA_REVISION`` when it opens it. A store
already there is recognised by one query, without importing Alembic (which costs about
0.1 s of start-up). To change the schema: change ``desk/store/models.py``, run
``.venv/bin/python -m desk.store.migrations "what changed"`` to write a revision into
``versions/``, read and correct it, and set ``SCHEMA_REVISION`` to its id
(``tests/store`` fails until the two agree).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

SCRIPT_LOCATION = "desk.store:migrations"

# The head revision in versions/; a database at this revision needs no migration.
SCHEMA_REVISION = "0004"


def alembic_config(connection: Connection | None = None) -> Config:
    """The Alembic configuration, with ``connection`` for env.py to migrate through."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The head revision as Alembic reads it from versions/."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def is_known(revision: str) -> bool:
    """Whether ``revision`` is one of ours (a database written by a newer Desk is not)."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError:
        return False
    return True


def upgrade(connection: Connection) -> None:
    """Migrate to head inside ``connection``'s open transaction (the caller commits)."""
    from alembic import command

    command.upgrade(alembic_config(connection), "head")
