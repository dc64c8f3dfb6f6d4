"""Dialogs never open larger than the screen (a 1024×640 laptop showed 修订记录 at
1100×680, its buttons off-screen): each asks `fit_to_screen` for its size."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desk.review.accounts import CreateAccount
from desk.review.commands import apply, new_id
from desk.ui.main_window import MainWindow
from desk.ui.qt import QSize, QWidget
from desk.ui.screen_fit import FRAME_ALLOWANCE, fit_to_screen
from tests.flow import ADMIN
from tests.ui.conftest import settle


def open_history(qtbot, window: MainWindow) -> QWidget:
    window.editor.title.setText("关于做好元旦值班工作的通知")
    settle(qtbot, window.editor)
    assert window.save()
    return window.open_history()


OPENERS: dict[str, Callable] = {
    "修订记录": open_history,
    "信息发布登记": lambda _qtbot, window: window.open_register(),
    "账号与单位管理": lambda _qtbot, window: window.open_admin(),
    "使用说明": lambda _qtbot, window: window.help_menu.show_manual(),
    "快捷键": lambda _qtbot, window: window.help_menu.show_shortcuts(),
}


@pytest.mark.parametrize("name", OPENERS)
def test_a_dialog_fits_on_the_screen(qtbot, org, window_for, name):
    apply(
        org.store,
        CreateAccount(
            new_id(), ADMIN, new_id(), "boss_admin", "管理员", org.unit,
            ["drafter", "admin"], "$argon2id$x",
        ),
    )  # fmt: skip
    window = window_for("boss_admin")
    dialog = OPENERS[name](qtbot, window)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    room = dialog.screen().availableGeometry().size() - FRAME_ALLOWANCE
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    dialog.close()


def test_fit_to_screen_keeps_a_size_that_fits_and_bounds_one_that_does_not(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    room = widget.screen().availableGeometry().size() - FRAME_ALLOWANCE
    assert fit_to_screen(widget, 300, 200) == QSize(300, 200)
    assert widget.size() == QSize(300, 200)
    assert fit_to_screen(widget, 5000, 100) == QSize(room.width(), 100)
    assert fit_to_screen(widget, 100, 5000) == QSize(100, room.height())
