"""信息发布登记: the register on screen, searchable, exported to Excel or CSV."""

from desk.ui.register.dialog import RegisterDialog

__all__ = ["RegisterDialog"]
