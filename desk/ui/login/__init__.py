"""Accounts in the UI: the first admin, logging in, and locking an unattended session."""

from desk.ui.login.first_admin import FirstAdminDialog, ask_first_admin
from desk.ui.login.login_dialog import LoginDialog, ask_login
from desk.ui.login.session_lock import LOCK_AFTER_MS, SessionLock
from desk.ui.login.sign_in import sign_in
from desk.ui.login.unlock import UnlockDialog

__all__ = [
    "LOCK_AFTER_MS",
    "FirstAdminDialog",
    "LoginDialog",
    "SessionLock",
    "UnlockDialog",
    "ask_first_admin",
    "ask_login",
    "sign_in",
]
