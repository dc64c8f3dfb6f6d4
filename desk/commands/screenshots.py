"""`desk screenshots DIR`: PNGs of the main screens, made offscreen, for docs and checks."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

_PROG = "desk screenshots"
# The demo desk is a Chinese district office: its times are Beijing time unless TZ is set.
_DEMO_TIME_ZONE = "Asia/Shanghai"


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "screenshots",
        help="把主要界面截图为 PNG（编辑器与预览、登录、待办、审核、修订记录、审核表、登记、账号）",
        description=(
            "用演示单位（区政府办公室的联络员、一审、二审、分管领导）和处于各审核环节的演示稿件"
            "打开主窗口和各对话框，截取稿件列表、带高亮和悬停提示的编辑器、门户网站与移动端预览、"
            "首次启动与登录、待我处理、签发、退回意见、修订比对、打印的信息发布审核表、"
            "信息发布登记和账号管理，保存为 PNG。没有显示器时自动使用 offscreen；"
            "时间按北京时间显示（可用 TZ 环境变量改变）。"
        ),
    )
    parser.add_argument("folder", metavar="DIR", help="保存截图的文件夹")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("TZ", _DEMO_TIME_ZONE)
    if hasattr(time, "tzset"):  # not on Windows, which keeps the system's zone
        time.tzset()
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
