"""Errors of the IIIF routes, each with the HTTP status it is answered with."""

from __future__ import annotations

from digitize.errors import DigitizeError


class IiifError(DigitizeError):
    """A request answered with an error: ``status`` 404 for what is not there, 501 for what is not implemented."""

    def __init__(self, reason: str, status: int = 404) -> None:
        super().__init__(None, reason)
        self.status = status


class ImageRequestError(IiifError):
    """An image request the Image API forbids (400) or that this level does not implement (501)."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason, status)
