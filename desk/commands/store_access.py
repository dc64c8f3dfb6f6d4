"""The store of the data folder, for the subcommands that read or change it."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

from desk.commands.inputs import InputError
from desk.paths import DataDirError, data_dir
from desk.store import DATABASE_NAME, Store, StoreError, open_store


@contextlib.contextmanager
def desk_store(args: argparse.Namespace) -> Iterator[Store]:
    """The store in the data folder ``--data-dir`` names (closed after); InputError with
    the reason when the folder or the database can't be used."""
    try:
        store = open_store(data_dir(args.data_dir) / DATABASE_NAME)
    except (DataDirError, StoreError) as error:
        raise InputError(str(error)) from None
    try:
        yield store
    finally:
        store.close()
