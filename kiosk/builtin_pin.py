"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "3adcbfa16f56450bd3fb2c49bae2b03831e8b4daa4c26f1b6e5c3bf7f38f6886"
