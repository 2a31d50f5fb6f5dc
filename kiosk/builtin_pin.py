"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "4b0a9190af9c208f7ba1611e98de9379519928133e83486ca89eb269a910161c"
