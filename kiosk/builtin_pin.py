"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "86dcb995b77f35e4b3f6fdfa5049ceaf04fbb42878f8ce03563361099e97b5ee"
