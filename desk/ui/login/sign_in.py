"""Who works in this session, asked at the start and after each 注销."""

from __future__ import annotations

from desk.review.directory import AccountView, has_any_account
from desk.store import Store
from desk.ui.login.first_admin import ask_first_admin
from desk.ui.login.login_dialog import ask_login
from desk.ui.qt import QWidget


def sign_in(
    store: Store, parent: QWidget | None = None, *, last_login: str = ""
) -> AccountView | None:
    """The first start (an empty store) creates the admin, who then works as that account;
    later starts ask for a login, offering ``last_login`` (and saying how to recover an
    admin if the store has none). None if the person cancelled: the app should quit."""
    if not has_any_account(store):
        return ask_first_admin(store, parent)
    return ask_login(store, parent, last_login=last_login)
