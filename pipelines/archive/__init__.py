"""The archive: its folder layout (``layout``) and its SQLite catalog (``catalog``)."""
