"""`desk screenshots DIR`: PNGs of the main screens, made offscreen, for docs and checks."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

_PROG = "desk screenshots"


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "screenshots",
        help="把主要界面截图为 PNG（稿件列表、编辑器与问题提示、门户与移动端预览）",
        description=(
            "用演示稿件打开主窗口，截取稿件列表、带高亮和悬停提示的编辑器、"
            "门户网站与移动端预览，保存为 PNG。没有显示器时自动使用 offscreen。"
        ),
    )
    parser.add_argument("folder", metavar="DIR", help="保存截图的文件夹")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desk.ui.preview import prepare_application
    from desk.ui.qt import QApplication
    from desk.ui.screenshots import ScreenshotError, take_screenshots

    prepare_application()
    app = QApplication([])  # noqa: F841 - must live while the screens are taken
    try:
        written = take_screenshots(Path(args.folder))
    except (ScreenshotError, OSError) as error:
        print(f"{_PROG}: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0
