"""How much memory Qt may spend decoding one image, in the kiosk and in its render check."""

ALLOCATION_MB = 64  # the largest real illustration needs under 10 MB decoded
