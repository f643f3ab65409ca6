"""Reading a prepared page: the page model (``page``), the engine seam (``engines``) and the engines."""
