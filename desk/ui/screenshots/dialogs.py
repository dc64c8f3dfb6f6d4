"""The dialogs around the flow: signing in, the first start, the revision history, the
printed 审核表, the register and the admin's accounts."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from desk.review.approval_form import approval_form, form_html
from desk.ui.admin import AdminDialog
from desk.ui.file_dialogs import FileDialogs
from desk.ui.history import HistoryDialog
from desk.ui.login import FirstAdminDialog, LoginDialog
from desk.ui.main_window import WindowState
from desk.ui.printing import PAGE_MARGINS_MM, PrintedPages
from desk.ui.qt import (
    QColor,
    QDialog,
    QImage,
    QPainter,
    QSizeF,
    QWidget,
)
from desk.ui.register import RegisterDialog
from desk.ui.screenshots.demo import ADMIN, CHIEF, NAMES, OFFICE, STAFF
from desk.ui.screenshots.support import ScreenshotError, pause, save
from desk.ui.screenshots.windows import DemoSession

A4_MM = (210, 297)
FORM_DPI = 110  # the printed page at a size a README shows whole and readable
PASSWORD = "演示用密码-2026"  # shown as dots


def shoot_sign_in(demo: DemoSession, folder: Path) -> list[Path]:
    """The first start (creating the admin) and the everyday login, filled in."""
    first = FirstAdminDialog(demo.store)
    for field, text in (
        (first.unit_name, OFFICE),
        (first.login, ADMIN),
        (first.full_name, NAMES[ADMIN]),
        (first.password, PASSWORD),
        (first.confirm, PASSWORD),
    ):
        field.setText(text)
    login = LoginDialog(demo.store)
    login.login.setText(CHIEF)
    login.password.setText(PASSWORD)
    try:
        return [
            _shoot_dialog(first, first.confirm, folder / "first-admin.png"),
            _shoot_dialog(login, login.password, folder / "login.png"),
        ]
    finally:
        first.close()
        login.close()


def shoot_history(demo: DemoSession, folder: Path) -> Path:
    """The 一审 reviewer's view of the draft the chief corrected after their 一审: what
    changed since they passed it."""
    files = FileDialogs(WindowState(demo.data_dir))
    dialog = HistoryDialog(demo.store, demo.drafts.corrected, STAFF, files)
    try:
        old, new = (dialog.texts[p.currentIndex()] for p in (dialog.old_picker, dialog.new_picker))
        if old.body_text == new.body_text:
            raise ScreenshotError("修订记录的比对没有显示改动")
        return _shoot_dialog(dialog, dialog.diff, folder / "history.png", natural=False)
    finally:
        dialog.close()


def shoot_approval_form(demo: DemoSession, folder: Path) -> Path:
    """The first page of the printed 审核表 of the published draft."""
    form = approval_form(demo.store, demo.drafts.corrected)
    return save(printed_page(form_html(form), images=form.images), folder / "approval-form.png")


def shoot_register(demo: DemoSession, folder: Path) -> Path:
    dialog = RegisterDialog(demo.store, FileDialogs(WindowState(demo.data_dir)))
    try:
        dialog.resize(1200, 260)
        return _shoot_dialog(dialog, dialog.export_button, folder / "register.png", natural=False)
    finally:
        dialog.close()


def shoot_admin(demo: DemoSession, folder: Path) -> Path:
    """账号与单位管理 on its 账号 tab, the chief's account selected; above it, what to set
    for 区财政局, which has a drafter but no reviewers (a stalled-flow warning)."""
    dialog = AdminDialog(demo.store, ADMIN)
    try:
        dialog.tabs.setCurrentIndex(0)
        for row in range(dialog.accounts.topLevelItemCount()):
            item = dialog.accounts.topLevelItem(row)
            if item.text(0) == CHIEF:
                dialog.accounts.setCurrentItem(item)
        dialog.resize(860, 420)  # room for the stalled-flow warning above the tabs
        return _shoot_dialog(dialog, dialog.accounts, folder / "admin.png", natural=False)
    finally:
        dialog.close()


def printed_page(html: str, number: int = 1, images: Mapping[str, bytes] | None = None) -> QImage:
    """Page ``number`` of the PDF ``desk.ui.printing.print_html_to_pdf`` makes of ``html``
    (and its ``images``), drawn the same way at FORM_DPI on white: A4 within the printer's
    page margins."""
    per_mm = FORM_DPI / 25.4
    image = QImage(round(A4_MM[0] * per_mm), round(A4_MM[1] * per_mm), QImage.Format.Format_RGB32)
    dots_per_metre = round(FORM_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("white"))
    left, top = PAGE_MARGINS_MM.left() * per_mm, PAGE_MARGINS_MM.top() * per_mm
    page = QSizeF(
        image.width() - left - PAGE_MARGINS_MM.right() * per_mm,
        image.height() - top - PAGE_MARGINS_MM.bottom() * per_mm,
    )
    pages = PrintedPages(html, image, page, images)
    if not 1 <= number <= len(pages):
        raise ScreenshotError(f"审核表只有 {len(pages)} 页")
    painter = QPainter(image)
    painter.translate(left, top)
    pages.paint(painter, number - 1)
    painter.end()
    return image


def _shoot_dialog(dialog: QDialog, focus: QWidget, path: Path, *, natural: bool = True) -> Path:
    """The dialog shown (at its natural size unless told otherwise), ``focus`` focused."""
    dialog.show()
    if natural:
        dialog.adjustSize()
    dialog.activateWindow()
    focus.setFocus()
    pause(0.3)
    return save(dialog.grab(), path)
