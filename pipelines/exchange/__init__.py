"""Exchange with other catalogues: OAI-PMH harvesting (``oai``), MARC 21 records (``marc``), METS packages (``mets``).

Each builds from what the archive already holds: the catalog's documents, their
description (``digitize.metadata``) and the provenance of their pages.
"""
