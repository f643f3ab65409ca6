"""The reading room on Starlette: an app factory (``app``), its routes by concern, and ``digitize serve``'s server."""
