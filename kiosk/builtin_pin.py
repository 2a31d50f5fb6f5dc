"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "f4e4ed9c45fc6717ff5c75b7c092552de04efdc51a524436f3212f21d7b122d5"
