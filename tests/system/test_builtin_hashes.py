"""The kiosk's process hashes with Python's own SHA-256 (kiosk/system/builtin_hashes.py): the same
digests and HMACs as OpenSSL's, without loading libcrypto; and the block is lifted, so `ssl`
still loads. Run in a fresh process: this one imported hashlib long ago."""

from __future__ import annotations

import hashlib
import hmac

from tests.fresh_python import run_python

PROBE = """
import sys
from kiosk.system.builtin_hashes import use_builtin_hashes
print(use_builtin_hashes(), use_builtin_hashes())
import hashlib, hmac, secrets
print(hashlib.sha256(b"clonus").hexdigest())
print(hmac.new(b"key", b"ready copy", hashlib.sha256).hexdigest())
print(hashlib.new("sha512", b"x").hexdigest())
print("_hashlib" in sys.modules)
with open("/proc/self/maps", encoding="utf-8") as maps:
    print(any("libcrypto" in line for line in maps))
import ssl
print(ssl.OPENSSL_VERSION.split()[0])
"""


def test_the_builtin_hashes_agree_with_openssl_and_load_no_libcrypto() -> None:
    lines = run_python(PROBE).splitlines()
    assert lines[0] == "True False"  # a second call changes nothing
    assert lines[1] == hashlib.sha256(b"clonus").hexdigest()
    assert lines[2] == hmac.new(b"key", b"ready copy", hashlib.sha256).hexdigest()
    assert lines[3] == hashlib.new("sha512", b"x").hexdigest()
    assert lines[4:6] == ["False", "False"]  # no _hashlib, no libcrypto mapped
    assert lines[6] == "OpenSSL"  # the block was lifted: ssl loads as usual
