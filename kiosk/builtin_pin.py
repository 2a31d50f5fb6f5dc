"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "ca6e920ce914848bdca04387b3b5cc537833103663993079f6dd8605745d9e9f"
