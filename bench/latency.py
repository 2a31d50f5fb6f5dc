"""What the latency benchmarks share: p50/p95 of samples and the lines they print."""

from __future__ import annotations

import statistics


def percentiles(samples: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile (nearest rank) of `samples`, in their unit."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def report(name: str, samples: list[float], target_ms: float) -> None:
    """`name_p50_ms=`, `name_p95_ms=`, the target and whether p95 meets it (samples in s)."""
    p50, p95 = percentiles(samples)
    print(f"{name}_p50_ms={p50 * 1000:.1f}")
    print(f"{name}_p95_ms={p95 * 1000:.1f}")
    print(f"{name}_target_p95_ms={target_ms:g}")
    print(f"{name}_within_target={p95 * 1000 <= target_ms}")
