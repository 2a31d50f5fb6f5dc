"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "16f15fd71f4a8db59e20a3fe86e31787e9446f7c50b591a5318fe0cd39ab13e4"
