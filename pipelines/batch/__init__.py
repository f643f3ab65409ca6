"""Batch runs: planning the pages to do, running them on an executor, finishing each document (PDF,
description, index), and the status of the work.

``run`` is the run itself, each step handed the run's ``RunContext`` (``context``); the pages to do come from
``planning``, and run on an executor (``executors``). A page that fails unexpectedly (a bug, a library's error)
has its traceback logged (logger ``pipelines.batch.run``) beside the one-line reason kept in the catalog.
"""
