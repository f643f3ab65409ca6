"""Preservation: verifying the archive against its recorded checksums (fixity) and exporting BagIt bags."""
