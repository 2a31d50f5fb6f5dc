"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "da5bce4b29c6913f72bc15e10574af64afa82f155beeec31b059fde8410e3b4d"
