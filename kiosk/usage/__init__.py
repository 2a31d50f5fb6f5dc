"""Anonymous usage counts: per day, page and language, never people (no Qt)."""
