"""账号与单位管理: the admin's screen for accounts, units and delegations, and its forms."""

from desk.ui.admin.account_editor import AccountEditor, AccountValues
from desk.ui.admin.delegation_form import DelegationForm, DelegationValues
from desk.ui.admin.dialog import AdminDialog
from desk.ui.admin.forms import FormDialog, LeaderForm, PasswordForm, UnitForm
from desk.ui.admin.labels import account_status, role_label, role_labels

__all__ = [
    "AccountEditor",
    "AccountValues",
    "AdminDialog",
    "DelegationForm",
    "DelegationValues",
    "FormDialog",
    "LeaderForm",
    "PasswordForm",
    "UnitForm",
    "account_status",
    "role_label",
    "role_labels",
]
