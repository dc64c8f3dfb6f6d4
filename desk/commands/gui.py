"""`desk` with no command: the main window. Qt is imported only when it runs."""

from __future__ import annotations

import argparse
import sys

from desk.paths import DataDirError, data_dir


def add_options(parser: argparse.ArgumentParser) -> None:
    """Options of `desk` itself, shared by the GUI and the commands that use the store."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="数据目录（数据库、界面设置、本单位词库与白名单）；也可用环境变量 DESK_DATA_DIR",
    )
    parser.add_argument(
        "--lang", choices=("zh_CN", "en"), help="界面语言：zh_CN 简体中文（默认）或 en English"
    )


def run(args: argparse.Namespace) -> int:
    try:
        folder = data_dir(args.data_dir)
    except DataDirError as error:
        print(f"desk: {error}", file=sys.stderr)
        return 2
    from desk.ui.app import run as run_gui

    return run_gui(folder, args.lang)
