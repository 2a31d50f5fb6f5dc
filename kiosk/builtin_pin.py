"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "31004f7f94a85aa344d26f4310456740e090274bcfd63cf8da6541ad425dc55a"
