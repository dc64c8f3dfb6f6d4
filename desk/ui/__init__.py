"""The desktop UI (PySide6).

Only this package imports Qt, and only through `desk.ui.qt`, so the binding and its
workarounds live in one place.
"""
