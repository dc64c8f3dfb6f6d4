"""`desk`: the main window with no command; `desk check`, `desk render` … otherwise."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from desk import __version__
from desk.commands import check, gui, lexicon, render

EXIT_USAGE = 2
# Commands on the store (SQLAlchemy, argon2, Qt): their modules are imported only when
# one of them is asked for or help is shown, so `desk check` starts as fast as before.
STORE_COMMANDS = ("screenshots", "audit", "register", "admin")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command`` one of the light ones, without the store commands."""
    parser = argparse.ArgumentParser(prog="desk", description="Desk 审校台：政务信息发布审校工具")
    parser.add_argument("--version", action="version", version=f"desk {__version__}")
    gui.add_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check.add_parser(commands)
    lexicon.add_parser(commands)
    render.add_parser(commands)
    if command not in ("check", "lexicon", "render"):
        for name in STORE_COMMANDS:
            importlib.import_module(f"desk.commands.{name}").add_parser(commands)
    return parser


def _command_in(argv: Sequence[str] | None) -> str | None:
    """The subcommand named in ``argv``, if any (options of `desk` itself skipped)."""
    first = argparse.ArgumentParser(add_help=False)
    gui.add_options(first)
    first.add_argument("command", nargs="?")
    known, _rest = first.parse_known_args(argv)
    return known.command


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(_command_in(argv))
    args = parser.parse_args(argv)
    try:
        return gui.run(args) if args.command is None else args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `desk check … | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
