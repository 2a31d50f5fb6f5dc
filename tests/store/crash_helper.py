"""Install worker for test_crash: one real install per request, in a forked child to be killed.

Usage: python -m tests.store.crash_helper BUILTIN BUILTIN_PIN BUNDLE

Imports once, prints "ready", then for each store root read from stdin forks a child that installs
BUNDLE into it and prints "pid N". The child is only reaped when the test sends "reap" (so its
pid cannot be reused by another process before the test's SIGKILL), then "exit CODE SIGNAL SECS".
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from kiosk.store.bundle_store import BundleStore


def main() -> None:
    builtin, bundle = Path(sys.argv[1]), Path(sys.argv[3])
    pin = sys.argv[2]
    print("ready", flush=True)
    while line := sys.stdin.readline():
        root = Path(line.strip())
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                BundleStore(root, builtin, pin).install(bundle)
            except BaseException:
                code = 1
            os._exit(code)
        print(f"pid {pid}", flush=True)
        if sys.stdin.readline().strip() != "reap":
            raise SystemExit("protocol error")
        _, status = os.waitpid(pid, 0)
        elapsed = time.perf_counter() - started
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
        signal = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
        print(f"exit {code} {signal} {elapsed:.6f}", flush=True)


if __name__ == "__main__":
    main()
