"""`kiosk bundle validate X.kbundle`: whether the archive's signature checks out, and by which key.

Validation judges the content; this says what an install would say about the signature, so that
"valid" is never printed for an unsigned or badly signed archive without saying so.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kiosk.content.archive import SafeArchive
from kiosk.content.problems import BundleError
from kiosk.content.sealed import MANIFEST_JSON, MANIFEST_SIG, MAX_MANIFEST_BYTES, SIGNATURE_BYTES
from kiosk.content.signing import find_signer, key_id

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


@dataclass(frozen=True)
class SignatureReport:
    verdict: Literal["good", "bad", "unchecked"]
    message: str


def _claimed(manifest: bytes) -> str:
    try:
        signer = json.loads(manifest).get("signer")
    except (ValueError, AttributeError, RecursionError):
        return "(none named)"
    return signer if isinstance(signer, str) and len(signer) == 16 else "(none named)"


def signature_report(path: Path, trusted: Sequence[Ed25519PublicKey]) -> SignatureReport:
    try:
        with SafeArchive(path) as archive:
            if MANIFEST_SIG not in archive or MANIFEST_JSON not in archive:
                return SignatureReport("bad", "Signature: none (the bundle is not signed).")
            manifest = archive.read_small(MANIFEST_JSON, MAX_MANIFEST_BYTES)
            signature = archive.read_small(MANIFEST_SIG, SIGNATURE_BYTES)
    except BundleError as exc:
        return SignatureReport("bad", f"Signature: not checked ({exc.summary})")
    signer = find_signer(trusted, signature, manifest)
    if signer is not None:
        return SignatureReport("good", f"Signature: good, by key {key_id(signer)} (trusted here).")
    claimed = _claimed(manifest)
    if claimed in {key_id(key) for key in trusted}:
        return SignatureReport(
            "bad", f"Signature: BAD (it does not match key {claimed}, which is trusted here)."
        )
    return SignatureReport(
        "unchecked",
        f"Signature: by key {claimed}, which this kiosk does not trust, so it could not be "
        "checked; an install would be refused.",
    )
