"""The store of the data folder, for the subcommands that read or change it."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator

from desk.commands.inputs import InputError
from desk.paths import DataDirError, data_dir
from desk.store import DATABASE_NAME, Store, StoreError, open_store


@contextlib.contextmanager
def desk_store(args: argparse.Namespace, *, writes: bool = True) -> Iterator[Store]:
    """The store in the data folder ``--data-dir`` names (closed after); InputError with
    the reason when the folder or the database can't be used.

    A command that only reads (``writes=False``) opens the store read-only when the
    folder can't be written (an archived copy on a read-only mount)."""
    try:
        folder = data_dir(args.data_dir)
        read_only = opens_read_only(args, writes=writes)
        store = open_store(folder / DATABASE_NAME, read_only=read_only)
    except (DataDirError, StoreError) as error:
        raise InputError(str(error)) from None
    try:
        yield store
    finally:
        store.close()


def opens_read_only(args: argparse.Namespace, *, writes: bool) -> bool:
    """Whether `desk_store` opens the store read-only: a command that only reads, on a
    folder that can't be written (DataDirError if ``--data-dir`` is no usable folder)."""
    return not writes and not os.access(data_dir(args.data_dir), os.W_OK)
