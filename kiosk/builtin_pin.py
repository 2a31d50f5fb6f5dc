"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "f3c63c25b71646957afc5951595da6e147763b9aa951f435aa87eed6a0868b39"
