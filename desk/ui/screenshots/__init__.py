"""`desk screenshots DIR`: the main screens of a demo desk, as PNG files.

Runs the real windows and dialogs on a throwaway data folder holding a demo desk (a
district office with its liaison, reviewers and leaders, and drafts at every stage of
the 三审 flow, made with the domain commands: `demo`), waits until checks and previews
are done, and grabs each screen. Works offscreen (``QT_QPA_PLATFORM=offscreen``), for
the README and checks.

Written, in this order:

* drafts.png, editor.png, preview-portal.png, preview-mobile.png: the liaison's draft
  with findings, a hover card, the two previews;
* first-admin.png, login.png: the first start and the login;
* inbox.png: the chief's 待我处理, with drafts at 一审 and 二审;
* review.png: the leader in charge about to sign (三审签发), told what is missing;
* returned.png: a draft back from 二审, its comment pinned to the text;
* history.png: the revision history comparing a reviewer's correction;
* approval-form.png: the first page of the printed 信息发布审核表;
* register.png: the publication register;
* admin.png: the admin's accounts, warned that a unit's drafts would stall;
* account.png: who is signed in, 注销/切换账号 in the 文件 menu, and the drafter told
  that nobody can review their unit's drafts yet.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from desk.links import load_default_whitelist
from desk.store import DATABASE_NAME, open_store
from desk.ui.check_worker import CheckWorker
from desk.ui.screenshots.demo import DemoClock, DemoDesk, demo_lexicon
from desk.ui.screenshots.dialogs import (
    shoot_admin,
    shoot_approval_form,
    shoot_history,
    shoot_register,
    shoot_sign_in,
)
from desk.ui.screenshots.support import ScreenshotError, wait
from desk.ui.screenshots.windows import (
    DemoSession,
    shoot_account,
    shoot_editor,
    shoot_inbox,
    shoot_returned,
    shoot_review,
)

__all__ = ["ScreenshotError", "demo_lexicon", "take_screenshots"]


def take_screenshots(folder: Path) -> list[Path]:
    """Write the PNGs into ``folder`` (created if need be); the paths written.

    Needs a QApplication made after ``desk.ui.preview.prepare_application()``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="desk-screens-") as data:
        data_dir = Path(data)
        clock = DemoClock()
        store = open_store(data_dir / DATABASE_NAME, clock=clock)
        whitelist = load_default_whitelist()
        lexicon = demo_lexicon()
        worker = CheckWorker(lambda: lexicon, whitelist)
        loaded: list[bool] = []
        worker.loaded.connect(lambda *_: loaded.append(True))
        worker.start()
        try:
            drafts = DemoDesk(store, lexicon, whitelist, clock).build()
            wait(lambda: bool(loaded), "词库加载")
            demo = DemoSession(store, worker, whitelist, data_dir, drafts)
            return [
                *shoot_editor(demo, folder),
                *shoot_sign_in(demo, folder),
                shoot_inbox(demo, folder),
                shoot_review(demo, folder),
                shoot_returned(demo, folder),
                shoot_history(demo, folder),
                shoot_approval_form(demo, folder),
                shoot_register(demo, folder),
                shoot_admin(demo, folder),
                shoot_account(demo, folder),
            ]
        finally:
            worker.stop()
            store.close()
