"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "c58c4bd1ede294f839740254470bb014e5f8fc6ff355da07c69f86afd9e11cc4"
