"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "ac26b1215e2c979441bcfdc7b4f443dc9417fe47371f810630bd2d1403e85509"
