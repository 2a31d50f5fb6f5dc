"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "f68832ec3591321b3a5e0e743dd8a0447a5624dcefea522d35b0aa668bbff361"
