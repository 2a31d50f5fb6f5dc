"""Staff mode's Python side: the PIN pad and the panel sections, each its own controller."""
