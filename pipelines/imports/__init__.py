"""Imports from spreadsheets: collections' holdings from the library's item list, and metadata rows an archivist
typed over what was extracted."""
