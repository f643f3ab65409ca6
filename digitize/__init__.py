"""One page or document in, text and metadata out.

Stages, in the order data flows through them:
``ingest`` (file → source pages) → ``preprocess`` (deskew, clean) →
``ocr`` (the engines of ``ocr.registry``) → ``metadata`` (fields from the text).
``page`` chains the first three for one page.
"""
