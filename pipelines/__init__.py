"""Everything around the page stages of ``digitize``: the archive and its catalog, batch runs, collections and
their progress, review, preservation, imports, the demo, and the ``digitize`` command line (``cli``)."""
