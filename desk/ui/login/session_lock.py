"""Locking an unattended session: drafts are not for passers-by, and whatever is done
in the desk's name must be done by the person logged in."""

from __future__ import annotations

from collections.abc import Callable

from desk.review.directory import AccountView
from desk.store import Store
from desk.ui.login.unlock import UnlockDialog
from desk.ui.qt import (
    QDialog,
    QEvent,
    QGuiApplication,
    QLabel,
    QObject,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    QWindow,
    Signal,
)

LOCK_AFTER_MS = 10 * 60 * 1000
# what a person at the keyboard or mouse does, as it reaches a top-level window
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class SessionLock(QObject):
    """Locks ``window``'s session after ``idle_ms`` without a key press or mouse use
    anywhere in the app, or on ``lock_now``.

    Locked, a curtain hides the window's content and an application-modal
    ``UnlockDialog`` asks for ``account``'s password; the widgets beneath are not
    touched, so text being edited and its cursor stay as they were. Lives as long as
    the window (its child).

    Activity is watched where input enters the app, never by a filter on the whole
    QApplication: with QtWebEngine loaded (the preview), PySide6 6.11 crashes when an
    application-wide Python event filter meets one of Chromium's objects. Keys, mouse
    and touch reach every top-level QWindow first, so the lock filters the windows that
    take focus; text typed through an input method (Chinese) is sent to the focused
    widget directly, and shows as the input cursor moving.

    The dialog's 退出 closes the window as its own 退出 (Ctrl+Q) does: the window's close
    event saves the open draft, and the app quits with its last window. Its 切换账号
    (when ``switch_account`` is given: the window's 注销) lets someone else sign in
    instead. If the window refuses to close (the draft could not be saved and the
    person chose to stay), the session stays locked. Once the window has closed, or
    ``end`` is called (at 注销), the lock never comes again.
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        store: Store,
        account: AccountView,
        window: QWidget,
        idle_ms: int = LOCK_AFTER_MS,
        switch_account: Callable[[], bool] | None = None,
    ) -> None:
        """``switch_account``: signs out, closing the window; False if it stays open."""
        super().__init__(window)
        self.store = store
        self.account = account
        self.window = window
        self.switch_account = switch_account
        self.dialog: UnlockDialog | None = None  # while locked
        self.ended = False
        self.curtain = _Curtain(window)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self.lock_now)
        app = QGuiApplication.instance()
        app.focusWindowChanged.connect(self._watch)
        app.inputMethod().cursorRectangleChanged.connect(self._active)
        self._watch(window.windowHandle())
        self._idle.start()

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def lock_now(self) -> None:
        """Lock at once (the 锁定 action, or the idle timer)."""
        if self.dialog is not None or self.ended:
            return
        self._idle.stop()
        self.curtain.cover()
        self.dialog = UnlockDialog(
            self.store, self.account, self.window, can_switch=self.switch_account is not None
        )
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.accepted.connect(self._unlock)
        self.dialog.quit_requested.connect(self._quit)
        self.dialog.switch_requested.connect(self._switch)
        self.dialog.open()
        self.locked.emit()

    def end(self) -> None:
        """The session is over: stop watching for idleness, take the dialog down."""
        if self.ended:
            return
        self.ended = True
        self._idle.stop()
        app = QGuiApplication.instance()
        app.focusWindowChanged.disconnect(self._watch)
        app.inputMethod().cursorRectangleChanged.disconnect(self._active)
        if self.dialog is not None:
            self.dialog.done(QDialog.DialogCode.Rejected)
            self.dialog.deleteLater()
            self.dialog = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() in _ACTIVITY:
            self._active()
        return False

    def _watch(self, window: QWindow | None) -> None:
        """Filter a top-level window's input (installing twice keeps one filter)."""
        if window is not None:
            window.installEventFilter(self)

    def _active(self) -> None:
        if self.dialog is None:
            self._idle.start()

    def _unlock(self) -> None:
        assert self.dialog is not None
        self.account = self.dialog.account
        self.dialog.deleteLater()
        self.dialog = None
        self.curtain.hide()
        self._idle.start()
        self.unlocked.emit()

    def _quit(self) -> None:
        self._leave(self.window.close)

    def _switch(self) -> None:
        if self.switch_account is not None:
            self._leave(self.switch_account)

    def _leave(self, close: Callable[[], bool]) -> None:
        """退出 or 切换账号: ``close`` the window; if it stays open, so does the dialog."""
        if close():
            self.end()


class _Curtain(QWidget):
    """Covers the whole window while locked, following its size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAutoFillBackground(True)
        label = QLabel(self.tr("Desk 审校台已锁定"))
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        label.setFont(font)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 96, 24, 24)  # above the unlock dialog, centred beneath
        layout.addWidget(label)
        window.installEventFilter(self)
        self.hide()

    def cover(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False
