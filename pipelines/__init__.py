"""Batches and collections: runs the ``digitize`` stages over many files,
keeps the archive's catalog, feeds the search index and tracks progress."""
