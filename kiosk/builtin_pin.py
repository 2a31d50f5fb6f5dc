"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "c2d791b06c31d1b95e8149982d9293f56df57cb95e956c3442c53bb6dc80eecf"
