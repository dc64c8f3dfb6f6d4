"""The one exception every domain command raises when it is refused."""

from __future__ import annotations


class CommandRejected(ValueError):
    """The command is invalid or does not fit the store's state; nothing was changed.

    ``field``: the command field the refusal is about (``opinion``, ``channels`` …), so
    that a form can show the message next to the control that fills it; None when the
    refusal is about the command as a whole or the draft's state.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
