"""`desk`: the main window with no command; `desk check`, `desk render` … otherwise."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desk import __version__
from desk.commands import admin, audit, check, gui, lexicon, register, render, screenshots

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="desk", description="Desk 审校台：政务信息发布审校工具")
    parser.add_argument("--version", action="version", version=f"desk {__version__}")
    gui.add_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check.add_parser(commands)
    lexicon.add_parser(commands)
    render.add_parser(commands)
    screenshots.add_parser(commands)
    audit.add_parser(commands)
    register.add_parser(commands)
    admin.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
