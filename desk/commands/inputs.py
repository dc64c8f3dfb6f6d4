"""Options and loaders the subcommands share: lexicons, the whitelist, the checker."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desk.lexicon import Lexicon, LexiconFileError, load_lexicon
from desk.links import Whitelist, WhitelistError, load_default_whitelist, load_whitelist
from desk.review.check import Checker


class InputError(Exception):
    """A lexicon or whitelist that can't be used; the message says what to fix."""


def add_checker_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lexicon", action="append", default=[], metavar="FILE", help="追加词库（可多次）"
    )
    parser.add_argument("--no-default-lexicon", action="store_true", help="不使用内置的起始词库")
    parser.add_argument(
        "--whitelist",
        metavar="FILE",
        help="可信域名白名单（默认使用内置白名单：gov.cn 与中央新闻网站）",
    )


def lexicon_from(paths: Sequence[str], *, starter: bool, prog: str) -> Lexicon:
    """Load lexicons; merge warnings go to stderr, a bad file raises InputError."""
    try:
        lexicon = load_lexicon(*paths, starter=starter)
    except LexiconFileError as error:
        raise InputError(str(error)) from None
    for warning in lexicon.warnings:
        print(f"{prog}: 提示: {warning}", file=sys.stderr)
    return lexicon


def whitelist_from(path: str | None, prog: str) -> Whitelist:
    """`--whitelist FILE`, or the shipped default when no file is given; warnings about
    doubtful lines go to stderr."""
    if path is None:
        return load_default_whitelist()
    try:
        whitelist = load_whitelist(path)
    except WhitelistError as error:
        raise InputError(f"白名单有误，请逐行修正：\n{error}") from None
    except OSError as error:
        raise InputError(f"无法读取白名单 {path}（{error.strerror or error}）") from None
    for warning in whitelist.warnings:
        print(f"{prog}: 提示: {warning}", file=sys.stderr)
    return whitelist


def checker_from(args: argparse.Namespace, prog: str) -> Checker:
    """The checker the options given by `add_checker_options` describe."""
    lexicon = lexicon_from(args.lexicon, starter=not args.no_default_lexicon, prog=prog)
    return Checker(lexicon, whitelist_from(args.whitelist, prog))
