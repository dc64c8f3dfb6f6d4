"""Alembic revisions of the local store (Alembic skips this file; it makes the folder a package)."""
