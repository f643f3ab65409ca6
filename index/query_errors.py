"""The error of a query the parser cannot make sense of, worded for the reader in their own language."""

from __future__ import annotations

from index.i18n import TranslatableError


class QueryError(TranslatableError):
    """A query the parser cannot make sense of; ``message`` says why in the reader's language."""
