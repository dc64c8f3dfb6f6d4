"""The one exception every domain command raises when it is refused."""


class CommandRejected(ValueError):
    """The command is invalid or does not fit the store's state; nothing was changed."""
