"""Review: the pages a person should check, and accepting them once checked."""
