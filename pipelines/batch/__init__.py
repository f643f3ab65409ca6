"""Batch runs: planning the pages to do, running them on an executor, finishing each document (PDF,
description, index), and the status of the work."""
