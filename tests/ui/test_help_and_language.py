"""帮助 (the local manual, the shortcuts, 关于) and 界面语言 (remembered for the next start)."""

from __future__ import annotations

import desk
from desk.ui.app import install_translations
from desk.ui.main_window import WindowState
from desk.ui.main_window.help_menu import MANUALS_DIR, ManualDialog, manual_path
from desk.ui.qt import QApplication, QKeySequence, QLocale, QMessageBox, Qt, QUrl


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_the_help_menu_is_last_and_f1_opens_the_manual(qtbot, window_for):
    window = window_for("liaison")
    assert menu_titles(window)[-1] == "帮助(&H)"
    assert [a.text() for a in window.help_menu.actions() if a.text()] == [
        "使用说明",
        "快捷键",
        "关于 Desk 审校台",
    ]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # window shortcuts work in the active window
    qtbot.keyClick(window.editor.body, Qt.Key.Key_F1)
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and dialog.windowTitle() == "使用说明"
    qtbot.addWidget(dialog)
    assert dialog.browser.source() == QUrl.fromLocalFile(str(MANUALS_DIR / "manual.zh_CN.md"))
    text = dialog.browser.toPlainText()
    assert "Desk 审校台 使用说明" in text  # the user guide for office staff, in Chinese
    for part in ("屏蔽", "撤回", "签发", "申请修改", "撤稿", "审核表", "设置分管领导", "快捷键"):
        assert part in text
    assert "./dev" not in text and "--data-dir" not in text  # not the developers' README
    pictures = [name for name in dialog.browser.document().allFormats() if name.isImageFormat()]
    assert pictures  # screenshots, from docs/images beside it
    dialog.reject()


def test_the_english_ui_shows_the_english_guide(qapp, qtbot):
    locale = QLocale()
    translators = install_translations(qapp, "en")
    try:
        assert manual_path() == MANUALS_DIR / "manual.en.md"
        dialog = ManualDialog()
        qtbot.addWidget(dialog)
        assert "Desk 审校台 user guide" in dialog.browser.toPlainText()
        assert not dialog.note.text()  # found
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)
    assert manual_path() == MANUALS_DIR / "manual.zh_CN.md"


def test_the_manual_follows_no_link_out(qtbot, window_for):
    window = window_for("liaison")
    dialog = window.help_menu.show_manual()
    qtbot.addWidget(dialog)
    shown = dialog.browser.source()
    dialog.browser.anchorClicked.emit(QUrl("https://www.gov.cn/"))
    assert dialog.browser.source() == shown
    assert "https://www.gov.cn/" in dialog.note.text() and "未联网" in dialog.note.text()
    dialog.reject()


def test_the_shortcuts_are_the_window_s_own(qtbot, window_for):
    window = window_for("liaison")
    dialog = window.help_menu.show_shortcuts()
    qtbot.addWidget(dialog)
    rows = dict(dialog.rows())
    native = QKeySequence.SequenceFormat.NativeText
    assert rows["保存"] == QKeySequence(QKeySequence.StandardKey.Save).toString(native)
    assert rows["提交审核"] == QKeySequence("Ctrl+Return").toString(native)
    assert rows["信息发布登记"] == QKeySequence("Ctrl+Shift+R").toString(native)
    assert rows["使用说明"] == QKeySequence(QKeySequence.StandardKey.HelpContents).toString(native)
    assert rows["粘贴为纯文本"] == QKeySequence("Ctrl+Shift+V").toString(native)  # the editor's
    assert "账号与单位管理" not in rows  # not an admin: the action is hidden
    assert len(rows) == len(dialog.rows())  # each once
    dialog.reject()


def test_about_names_the_version(qtbot, window_for):
    window = window_for("liaison")
    box = window.help_menu.show_about()
    qtbot.addWidget(box)
    assert box.windowTitle() == "关于 Desk 审校台"
    assert f"Desk 审校台</b> {desk.__version__}" in box.text()
    box.reject()


def test_the_language_is_chosen_in_the_view_menu_and_kept(qtbot, window_for, tmp_path):
    window = window_for("liaison")
    menu = window.language_menu
    assert menu.title() == "界面语言"
    assert [(a.text(), a.isChecked()) for a in menu.actions()] == [
        ("简体中文", True),
        ("English", False),
    ]
    english = menu.actions()[1]
    english.trigger()
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox) and "重启 Desk 审校台后生效" in box.text()
    assert "English" in box.text()
    box.accept()
    assert [a.isChecked() for a in menu.actions()] == [False, True]
    assert WindowState(tmp_path / "liaison").language == "en"  # on disk, for the next start
    assert menu.choose("zh_CN") is None  # back to the language it speaks: nothing to restart
    assert WindowState(tmp_path / "liaison").language == "zh_CN"
