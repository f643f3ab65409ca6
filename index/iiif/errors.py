"""Errors of the IIIF routes, each with the HTTP status it is answered with."""

from __future__ import annotations

from digitize.errors import DigitizeError
from index.i18n import Message


class IiifError(DigitizeError):
    """A request answered with an error: ``status`` 404 for what is not there, 501 for what is not implemented,
    503 for what is not installed or over the server's budget; ``message`` in the reader's language."""

    def __init__(self, reason: str, status: int = 404, **values: object) -> None:
        self.message = Message(reason, values)
        super().__init__(None, str(self.message))
        self.status = status


class ImageRequestError(IiifError):
    """An image request the Image API forbids (400) or that this level does not implement (501)."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason, status)
