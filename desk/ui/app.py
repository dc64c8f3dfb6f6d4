"""Starting the GUI: the application object, translations, the store, signing in, the window.

Cold start is kept short: the window shows as soon as the store is open; the lexicon
and jieba load on the check worker's thread (the status bar says when they are ready).
Once loaded, the same checker re-checks drafts in the workflow commands (`attach_checker`).
After 注销 the next person signs in within the same process: the store and the loaded
lexicon stay, the signed-out window and everything it owns are deleted (`work`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from desk.lexicon import Lexicon, load_lexicon
from desk.links import Whitelist, WhitelistError, load_default_whitelist, load_whitelist
from desk.resources import RESOURCES_DIR
from desk.review.calendar_files import HolidayListError
from desk.review.deadlines import desk_calendar
from desk.review.directory import AccountView
from desk.review.recheck import CheckerUnavailable, StoredTextChecker
from desk.store import DATABASE_NAME, Store, StoreError, open_store
from desk.ui.check_worker import CheckWorker
from desk.ui.login import SessionLock, sign_in
from desk.ui.main_window import MainWindow, WindowState
from desk.ui.preview import prepare_application
from desk.ui.qt import (
    QApplication,
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QMessageBox,
    QSize,
    QTranslator,
)

LANGUAGES = ("zh_CN", "en")
LEXICON_FOLDER = "lexicons"  # in the data folder: the desk's own word lists
WHITELIST_NAME = "whitelist.txt"  # in the data folder: replaces the shipped whitelist
TRANSLATIONS = RESOURCES_DIR / "i18n"
QT_SUPPLEMENT = "qt_supplement_zh_CN"  # in TRANSLATIONS: Qt strings its zh_CN catalogue lacks
# Refusals of the workflow commands (domain messages, in Chinese like the others)
CHECKER_LOADING = "词库正在载入，请稍候再提交或审核"
CHECKER_FAILED = "词库载入失败，不能提交或审核：{error}"


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Qt's own strings in Chinese for zh_CN; ours in English for en (our source
    strings are Chinese). Qt's dates, month and file-type names follow the language too
    (the default QLocale). Returns the translators, which must outlive the app.

    Qt's catalogue (qtbase_zh_CN.qm, shipped in the PySide6 wheel) predates some Qt 6
    strings (the file dialog's 查找范围 and 文件类型, its 文件夹, the calendar's
    months): ``QT_SUPPLEMENT`` has those, and is searched first."""
    QLocale.setDefault(_locale(language))
    installed = []
    if language == "en":
        ours = QTranslator(app)
        if ours.load(str(TRANSLATIONS / "desk_en.qm")):
            app.installTranslator(ours)
            installed.append(ours)
        return installed
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, qt_folder):
            app.installTranslator(translator)
            installed.append(translator)
            break
    supplement = QTranslator(app)
    if supplement.load(QT_SUPPLEMENT, str(TRANSLATIONS)):
        app.installTranslator(supplement)
        installed.append(supplement)
    return installed


def _locale(language: str) -> QLocale:
    """The system's locale when it writes the UI's language (zh_CN and zh_SG alike), else
    the language's own."""
    wanted, system = QLocale(language), QLocale.system()
    same = (system.language(), system.script()) == (wanted.language(), wanted.script())
    return system if same else wanted


def lexicon_loader(data_dir: Path) -> Callable[[], Lexicon]:
    """Loads the starter lexicon plus the desk's lists in ``<data>/lexicons`` (on the
    worker thread)."""
    folder = data_dir / LEXICON_FOLDER

    def load() -> Lexicon:
        return load_lexicon(*([folder] if folder.is_dir() else []), starter=True)

    return load


def desk_whitelist(data_dir: Path) -> Whitelist:
    """``<data>/whitelist.txt`` if the desk has one, else the shipped default."""
    path = data_dir / WHITELIST_NAME
    if not path.is_file():
        return load_default_whitelist()
    return load_whitelist(path)


def attach_checker(store: Store, worker: CheckWorker) -> None:
    """Make ``store``'s workflow commands re-run the check with ``worker``'s lexicon and
    whitelist: the ones the editor shows findings from, so the hashes a step reports
    match. Until the lexicon has loaded (or when it fails to) those commands are refused
    rather than trusting the window's report (desk.review.recheck)."""

    def loaded(*_signal: object) -> None:
        if worker.checker is not None:
            store.checker = StoredTextChecker(worker.checker)

    def failed(error: str) -> None:
        store.checker = CheckerUnavailable(CHECKER_FAILED.format(error=error))

    store.checker = CheckerUnavailable(CHECKER_LOADING)
    worker.loaded.connect(loaded)
    worker.load_failed.connect(failed)
    loaded()  # the worker may have loaded already


def build_window(
    store: Store, data_dir: Path, worker: CheckWorker, whitelist: Whitelist, actor: str
) -> MainWindow:
    """The main window for ``actor``; deadlines use the desk's holiday lists, or the
    shipped ones (with a message) when a loaded list is broken."""
    try:
        calendar = desk_calendar(data_dir)
        problem = ""
    except HolidayListError as error:
        calendar, problem = None, str(error)
    window = MainWindow(store, worker, actor, whitelist, WindowState(data_dir), calendar=calendar)
    if problem:
        message = QCoreApplication.translate(
            "app", "本单位载入的节假日安排有误，期限按内置安排计算：{problem}"
        )
        window.show_problem(message.format(problem=problem))
    return window


def run(data_dir: Path, language: str | None = None) -> int:
    """Run the GUI until the window closes; the exit status."""
    prepare_application()
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("Desk 审校台")
    state = WindowState(data_dir)
    if language is not None:
        state.language = language
    install_translations(app, state.language)
    try:
        whitelist = desk_whitelist(data_dir)
        store = open_store(data_dir / DATABASE_NAME)
    except (StoreError, WhitelistError, OSError) as error:
        QMessageBox.critical(None, "Desk 审校台", str(error))
        return 2
    worker = CheckWorker(lexicon_loader(data_dir), whitelist)
    attach_checker(store, worker)
    worker.start()  # the lexicon loads while the person signs in
    try:
        return work(app, store, data_dir, worker, whitelist, state)
    finally:
        worker.stop()
        store.close()


def work(
    app: QApplication,
    store: Store,
    data_dir: Path,
    worker: CheckWorker,
    whitelist: Whitelist,
    state: WindowState,
) -> int:
    """Sign in, work until the window closes; after 注销 ask who signs in next, until
    someone quits (the event loop's exit status) or cancels a sign-in (0)."""
    while (account := sign_in(store, last_login=state.last_login)) is not None:
        state.last_login = account.login
        window = open_session(store, data_dir, worker, whitelist, account, state)
        signed_out: list[bool] = []
        window.signed_out.connect(partial(signed_out.append, True))
        status = app.exec()
        if not signed_out:
            return status
        window.deleteLater()  # with its timers, lock, preview and connections
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return 0


def open_session(
    store: Store,
    data_dir: Path,
    worker: CheckWorker,
    whitelist: Whitelist,
    account: AccountView,
    state: WindowState,
) -> MainWindow:
    """``account``'s window, shown as they left it, locked when left alone; the lock
    ends with a 注销 and shows the account as it is after an unlock."""
    window = build_window(store, data_dir, worker, whitelist, account.login)
    lock = SessionLock(store, account, window, switch_account=window.sign_out)
    window.lock_requested.connect(lock.lock_now)
    window.signed_out.connect(lock.end)
    lock.unlocked.connect(window.show_signed_in)
    start(window, state)
    return window


def first_size(window: MainWindow) -> QSize:
    """1280×800 on the first run, or less on a smaller screen (a 1366×768 laptop has
    about 1366×728 once the taskbar is counted): the whole window stays in view."""
    available = window.screen().availableGeometry().size()
    return QSize(1280, 800).boundedTo(available)


def start(window: MainWindow, state: WindowState) -> None:
    """Show the window as it was left: size, layout, the person's last draft; then offer
    what a crash left unsaved of theirs."""
    if not state.restore_window(window, window.splitter):
        window.resize(first_size(window))
    window.show()
    window.refresh_inbox()
    window.drafts.refresh()
    if not window.open_last():
        window.new_draft()
    window.offer_recovery()
