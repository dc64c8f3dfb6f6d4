"""The English translation covers every string of the UI, and the compiled file is current."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTreeView  # test-only: the file dialog's own view

from desk.review.findings import KIND_LABELS, SEVERITY_LABELS
from desk.ui.app import QT_SUPPLEMENT, TRANSLATIONS, install_translations
from desk.ui.findings.style import TRANSLATED_LABELS, kind_label, severity_label
from desk.ui.qt import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLocale,
    QMessageBox,
    Qt,
)

REPO = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent


def messages(ts_file: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) → finished translation, None when unfinished or empty."""
    found = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") != "unfinished"
            text = (translation.text or "") if translation is not None else ""
            found[(name, message.findtext("source"))] = text if done and text else None
    return found


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory) -> Path:
    """The strings the code has now, as lupdate extracts them."""
    lupdate = TOOLS / "pyside6-lupdate"
    if not lupdate.exists():
        lupdate = Path(shutil.which("pyside6-lupdate") or "pyside6-lupdate")
    target = tmp_path_factory.mktemp("i18n") / "fresh.ts"
    sources = sorted(str(p) for p in (REPO / "desk" / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(target)], check=True, capture_output=True)
    return target


def test_every_ui_string_has_an_english_translation(fresh_ts):
    wanted = set(messages(fresh_ts))
    committed = messages(TRANSLATIONS / "desk_en.ts")
    missing = sorted(key for key in wanted if not committed.get(key))
    assert missing == [], "run ./dev i18n and translate these"
    assert wanted, "lupdate found no strings: is the check still looking?"


@pytest.mark.parametrize("name", ["desk_en", QT_SUPPLEMENT])
def test_the_compiled_translation_is_current(tmp_path, name):
    compiled = tmp_path / f"{name}.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), str(TRANSLATIONS / f"{name}.ts"), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == (TRANSLATIONS / f"{name}.qm").read_bytes()


def test_the_marked_labels_are_the_domains():
    assert set(TRANSLATED_LABELS) == {*SEVERITY_LABELS.values(), *KIND_LABELS.values()}


def test_english_is_used_when_chosen_and_chinese_by_default(qapp: QApplication):
    assert severity_label("block") == "屏蔽"
    locale = QLocale()
    translators = install_translations(qapp, "en")
    try:
        assert translators
        assert severity_label("block") == "Block"
        assert kind_label("link") == "Links"
        assert QLocale().language() == QLocale.Language.English
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)
    assert severity_label("block") == "屏蔽"


@pytest.fixture
def chinese_qt(qapp: QApplication):
    """Qt's translations and locale as the Chinese UI installs them; undone after."""
    locale = QLocale()
    translators = install_translations(qapp, "zh_CN")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


def test_qt_s_own_buttons_speak_chinese(chinese_qt, qtbot):
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Desk 审校台",
        "仍要退出吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    qtbot.addWidget(box)
    assert sorted(button.text() for button in box.buttons()) == ["否(&N)", "是(&Y)"]
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    assert sorted(button.text() for button in buttons.buttons()) == ["取消", "确定"]


def test_the_file_dialog_speaks_chinese(chinese_qt, qtbot, tmp_path):
    (tmp_path / "文件夹一").mkdir()
    dialog = QFileDialog(None, "导出登记", str(tmp_path), "Excel (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # as on Linux without a desktop
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "查找范围(&L)："
    assert labels["fileNameLabel"] == "文件名称(&N)："
    assert labels["fileTypeLabel"] == "文件类型(&T)："
    view = dialog.findChild(QTreeView, "treeView")
    model = view.model()
    assert [model.headerData(column, Qt.Orientation.Horizontal) for column in range(4)] == [
        "名称",
        "体积",
        "类型",
        "修改日期",
    ]
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 1)
    assert model.index(0, 2, view.rootIndex()).data() == "文件夹"
    assert QLocale().monthName(3) == "三月"  # the calendar popups' months
