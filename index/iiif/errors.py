"""Errors of the IIIF routes, each with the HTTP status it is answered with."""

from __future__ import annotations

from index.i18n import TranslatableError


class IiifError(TranslatableError):
    """A request answered with an error: ``status`` 404 for what is not there, 501 for what is not implemented,
    503 for what is not installed or over the server's budget; ``message`` in the reader's language."""

    status = 404


class ImageRequestError(IiifError):
    """An image request the Image API forbids (400) or that this level does not implement (501)."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason, status)
