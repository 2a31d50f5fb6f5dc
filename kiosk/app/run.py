"""`kiosk` (the patient app): what the command runs, in the order a kiosk needs.

Signal handling, file logging and the start-up guard come first, before anything that can fail:
a start that dies while loading the bundle or the QML is counted like any other crash, and after
a few of them in a row the built-in bundle is shown (kiosk/store/choice.py).
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSocketNotifier
from PySide6.QtGui import QGuiApplication

from kiosk.app.supervision import supervise_kiosk
from kiosk.app.window import application
from kiosk.app.wiring import DEFAULT_WINDOW, Kiosk, build_kiosk
from kiosk.content.problems import BundleError
from kiosk.paths import data_dir
from kiosk.patient.ui_settings import UiSettings
from kiosk.speech.device import AudioBackend
from kiosk.staff.drives import import_dir_from
from kiosk.system.logs import setup_logging
from kiosk.system.startup_guard import StartupGuard


def run(args: argparse.Namespace) -> int:
    """`kiosk [--data-dir DIR] [--import-dir DIR] [--windowed] [--size WxH] [--bundle FOLDER]
    [--audio system|null] [--smoke-test]`."""
    if args.smoke_test:
        from kiosk.app.smoke import run_smoke

        return run_smoke(args)
    preview_folder: Path | None = args.bundle
    if preview_folder is not None and not preview_folder.is_dir():
        print(f"kiosk: --bundle {preview_folder} is not a folder", file=sys.stderr)
        return 2
    # Signals first: a SIGTERM while the kiosk is still starting ends it cleanly too.
    restore = _quit_on_signals(application())
    folder = data_dir(args.data_dir)
    setup_logging(folder)
    guard = StartupGuard(folder)
    guard.begin()  # this start counts as a crash until it has run healthy for a while
    try:
        kiosk = start(args, guard)
    except (BundleError, RuntimeError) as exc:
        restore()
        what = "no usable bundle:\n" if isinstance(exc, BundleError) else ""
        print(f"kiosk: {what}{exc}", file=sys.stderr)
        return 1
    supervise_kiosk(kiosk, args, guard)  # watchdog pings, crash screen + non-zero exit
    try:
        return kiosk.app.exec()
    finally:
        restore()
        kiosk.close()


def start(args: argparse.Namespace, guard: StartupGuard) -> Kiosk:
    """Builds the kiosk for `args`; the guard says whether earlier starts crashed in a row."""
    preview_folder: Path | None = args.bundle
    return build_kiosk(
        settings=None if preview_folder is None else UiSettings().for_kiosk(),
        data_dir=args.data_dir,
        import_dir=import_dir_from(getattr(args, "import_dir", None)),
        size=args.size or DEFAULT_WINDOW,
        fullscreen=not args.windowed,
        preview_folder=preview_folder,
        crash_loop=guard.should_use_builtin(),
        audio=AudioBackend(getattr(args, "audio", "system")),
    )


def _quit_on_signals(app: QGuiApplication) -> Callable[[], None]:
    """SIGTERM/SIGINT quit the event loop cleanly (a supervisor stops the kiosk this way)."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def wake() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)
        # exit(), not quit(): Qt 6's quit() first asks every window to close, and a fullscreen
        # kiosk window refuses, so quit() would do nothing.
        app.exit(0)

    notifier.activated.connect(wake)
    previous = {sig: signal.signal(sig, lambda *_: None) for sig in (signal.SIGTERM, signal.SIGINT)}

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        reader.close()
        writer.close()

    return restore
