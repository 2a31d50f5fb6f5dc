"""The background updater's thread: off the caller's thread, spread out, woken on demand."""

from __future__ import annotations

import random
import threading

from kiosk.fleet.poller import FIRST, NEXT, Poller


class RecordingRandom(random.Random):
    def __init__(self) -> None:
        super().__init__(7)
        self.ranges: list[tuple[float, float]] = []

    def uniform(self, a: float, b: float) -> float:
        self.ranges.append((a, b))
        return super().uniform(a, b)


def test_checks_repeat_off_the_calling_thread_with_jitter() -> None:
    threads: list[int] = []
    three = threading.Event()
    rng = RecordingRandom()

    def check(source: str | None) -> str | None:
        threads.append(threading.get_ident())
        return source

    def done(_result: str | None) -> None:
        if len(threads) >= 3:
            three.set()

    poller = Poller(check, done, lambda: 0.01, rng=rng)
    poller.start()
    try:
        assert three.wait(30)
    finally:
        poller.stop(30)
    assert threading.get_ident() not in threads
    assert rng.ranges[0] == FIRST
    assert set(rng.ranges[1:]) == {NEXT}


def test_check_now_wakes_a_long_wait_and_survives_a_failing_check() -> None:
    results: list[str | None] = []
    second = threading.Event()

    def check(source: str | None) -> str | None:
        if not results and source == "first":
            results.append("failed")
            raise RuntimeError("a bug in one check")
        return source

    def done(result: str | None) -> None:
        results.append(result)
        second.set()

    poller = Poller(check, done, lambda: 3600.0)  # an hour: only check_now can wake it
    poller.start()
    try:
        poller.check_now("first")
        poller.check_now("/media/stick/repository")
        assert second.wait(30)
    finally:
        poller.stop(30)
    assert results == ["failed", "/media/stick/repository"]
