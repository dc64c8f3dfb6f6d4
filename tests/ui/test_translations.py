"""The English translation covers every string of the UI, and the compiled file is current."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desk.review.findings import KIND_LABELS, SEVERITY_LABELS
from desk.ui.app import TRANSLATIONS, install_translations
from desk.ui.findings.style import TRANSLATED_LABELS, kind_label, severity_label
from desk.ui.qt import QApplication

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


def test_the_compiled_translation_is_current(tmp_path):
    compiled = tmp_path / "desk_en.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), str(TRANSLATIONS / "desk_en.ts"), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == (TRANSLATIONS / "desk_en.qm").read_bytes()


def test_the_marked_labels_are_the_domains():
    assert set(TRANSLATED_LABELS) == {*SEVERITY_LABELS.values(), *KIND_LABELS.values()}


def test_english_is_used_when_chosen_and_chinese_by_default(qapp: QApplication):
    assert severity_label("block") == "屏蔽"
    translators = install_translations(qapp, "en")
    try:
        assert translators
        assert severity_label("block") == "Block"
        assert kind_label("link") == "Links"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert severity_label("block") == "屏蔽"
