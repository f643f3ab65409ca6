"""The error of a query the parser cannot make sense of, worded for the reader in their own language."""

from __future__ import annotations

from digitize.errors import DigitizeError
from index.i18n import Message


class QueryError(DigitizeError):
    """A query the parser cannot make sense of; ``message`` says why in the reader's language."""

    def __init__(self, message_id: str, **values: object) -> None:
        self.message = Message(message_id, values)
        super().__init__(None, str(self.message))
