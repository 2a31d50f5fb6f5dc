"""The built-in bundle's seal digest; written by scripts/seal-default-bundle."""

SEAL_DIGEST = "bebc320662c15488f71a84d1299be4e360f53aeaf87d6d3e4f35e474b9c114a1"
