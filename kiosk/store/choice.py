"""Which bundle patients see at start-up: the policy, without Qt.

The store's verified active bundle (`BundleStore.serve()` records its own fallbacks), else the
built-in one. After a crash loop (`StartupGuard`) the built-in one is shown until the app has run
healthy once, whatever the store holds: the installed bundle may be what crashes the app.
"""

from __future__ import annotations

from kiosk.content.bundle import Bundle
from kiosk.content.problems import BundleError
from kiosk.paths import default_bundle_dir
from kiosk.store.bundle_store import BundleStore

CRASH_LOOP_MESSAGE = (
    "The kiosk app failed to start several times in a row, so it shows the built-in content "
    "until it has run normally once."
)


def choose_bundle(store: BundleStore | None, *, crash_loop: bool = False) -> Bundle:
    """The bundle to show; raises BundleError only when even the built-in bundle is unusable.

    Every fallback is recorded in the store's event sink (the staff log)."""
    if store is not None:
        if crash_loop:
            store.events.record("fallback", CRASH_LOOP_MESSAGE)
        else:
            try:
                return store.serve().bundle
            except (BundleError, OSError) as exc:
                reason = exc.summary if isinstance(exc, BundleError) else str(exc)
                store.events.record(
                    "fallback",
                    f"The installed content could not be shown ({reason}); "
                    "showing the built-in one.",
                )
        # Checked against the pin shipped with the app: a damaged built-in bundle raises
        # (the plain splash screen) instead of being shown.
        return store.serve_builtin()
    return load_builtin()


def load_builtin() -> Bundle:
    """The built-in default bundle, validated (no ready copy: it is read-only and small)."""
    from kiosk.content.validate import load_folder  # deferred: the schema and Markdown parser

    return load_folder(default_bundle_dir())
