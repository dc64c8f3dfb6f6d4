"""`desk`: the command line (the GUI starts with no arguments once the editor lands)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desk import __version__
from desk.commands import check, lexicon, render

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="desk", description="Desk 审校台：政务信息发布审校工具")
    parser.add_argument("--version", action="version", version=f"desk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check.add_parser(commands)
    lexicon.add_parser(commands)
    render.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `desk check … | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
