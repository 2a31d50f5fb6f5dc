"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "bc89618016469998720127645f4d97e19060f020c6a9bdada113f1b7e9f4d834"
