"""界面语言: 简体中文 or English, chosen in the window and remembered (WindowState).

The window's texts are set once, when it is built, so a new language applies from the
next start: the choice is saved at once and the window says so. (Retranslating every
open widget live would need each to rebuild its texts on a LanguageChange event; for a
choice made once, a restart is the honest answer.) ``desk --lang`` still overrides it,
and saves what it was given.
"""

from __future__ import annotations

from desk.ui.main_window.state import WindowState
from desk.ui.qt import QActionGroup, QMenu, QMessageBox, QWidget

# Each language named in itself, so whoever can't read the current one still finds theirs.
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}


class LanguageMenu(QMenu):
    """界面语言: one checkable item per language, the remembered one checked."""

    def __init__(self, state: WindowState, parent: QWidget) -> None:
        super().__init__(self.tr("界面语言"), parent)
        self._state = state
        self._running = state.language  # what this window was built in
        self.choices = QActionGroup(self)
        self.choices.setExclusive(True)
        for language, name in LANGUAGE_NAMES.items():
            action = self.addAction(name)
            action.setCheckable(True)
            action.setChecked(language == state.language)
            action.setData(language)
            self.choices.addAction(action)
        self.choices.triggered.connect(lambda action: self.choose(str(action.data())))

    def choose(self, language: str) -> QMessageBox | None:
        """Remember ``language`` for the next start and say so (nothing to say when it
        is the one the window already speaks)."""
        self._state.language = language
        self._state.settings.sync()
        if language == self._running:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("界面语言"),
            self.tr("界面语言将改为 {language}，重启 Desk 审校台后生效。").format(
                language=LANGUAGE_NAMES[language]
            ),
            QMessageBox.StandardButton.Ok,
            self.parentWidget(),
        )
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("知道了"))
        box.finished.connect(box.deleteLater)
        box.open()
        return box
