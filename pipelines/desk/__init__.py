"""The archivist's desk: accounts and roles, corrections of metadata and text, the audit trail and undo."""
