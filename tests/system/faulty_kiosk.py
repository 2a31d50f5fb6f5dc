"""Runs the real kiosk (`python -m tests.system.faulty_kiosk ARGS`) with one fault injected from
outside the shipped code, counted from the first frame:

    FAULT=block AFTER_MS=n [BLOCK_FOR_MS=m]  freeze the GUI thread (the watchdog pings stop),
                                             after sending STATUS=<BLOCK_STATUS>
    FAULT=raise AFTER_MS=n                   a Qt slot raises RuntimeError(<RAISE_MESSAGE>)
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from PySide6.QtCore import QObject, Qt, QTimer, Slot

from kiosk.app import run as run_module
from kiosk.app.supervision import Supervisor
from kiosk.app.wiring import Kiosk
from kiosk.cli import main
from kiosk.system.startup_guard import StartupGuard

BLOCK_STATUS = "test: blocking the event loop"
RAISE_MESSAGE = "test: exception raised in a slot"


class Faults(QObject):
    def __init__(self, supervisor: Supervisor) -> None:
        super().__init__(supervisor)
        self._supervisor = supervisor

    @Slot()
    def block_event_loop(self) -> None:
        self._supervisor.notifier.status(BLOCK_STATUS)
        time.sleep(int(os.environ.get("BLOCK_FOR_MS", "30000")) / 1000)  # a frozen UI thread

    @Slot()
    def raise_in_slot(self) -> None:
        raise RuntimeError(RAISE_MESSAGE)


def supervise_with_fault(kiosk: Kiosk, args: argparse.Namespace, guard: StartupGuard) -> Supervisor:
    supervisor = original(kiosk, args, guard)
    faults = Faults(supervisor)
    slot = faults.block_event_loop if os.environ["FAULT"] == "block" else faults.raise_in_slot
    timer = QTimer(faults, singleShot=True, interval=int(os.environ["AFTER_MS"]))
    timer.timeout.connect(slot)

    def first_frame() -> None:
        if not timer.isActive() and not faults.property("started"):
            faults.setProperty("started", True)
            timer.start()

    # Queued: with a threaded render loop the signal comes from the render thread.
    kiosk.window.frameSwapped.connect(first_frame, Qt.ConnectionType.QueuedConnection)
    return supervisor


original = run_module.supervise_kiosk
if __name__ == "__main__":
    run_module.supervise_kiosk = supervise_with_fault
    sys.exit(main(sys.argv[1:]))
