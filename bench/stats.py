"""The benchmark's arithmetic: the shuffled order of requests, medians and percentiles, and the
ratios the targets of issue 11 are written in. Pure functions, tested in tests/test_bench.py.

Two ratios, two directions, as docs/performance.md has always written them:

- speed: ``baseline median ÷ page median``. 1.0× is as fast as `/accounts/email/`; 0.5× is
  twice as slow. "Mission editor ≥ 1.0×" means at least as fast as the baseline.
- growth: ``median at a size ÷ median at the smallest size``. 1.25× at 1,000 opportunities is
  a quarter slower than at 20; the target is at most that.
"""

import math
import random
import statistics
from collections.abc import Hashable, Sequence


def shuffled_rounds[K: Hashable](keys: Sequence[K], rounds: int, rng: random.Random) -> list[K]:
    """``rounds`` rounds, each of every key once in a fresh random order, end to end.

    Every page gets exactly ``rounds`` samples, and no page's samples sit together: a burst of
    load from another program, or the garbage collector, falls on all pages alike.
    """
    order: list[K] = []
    for _ in range(rounds):
        one_round = list(keys)
        rng.shuffle(one_round)
        order += one_round
    return order


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile (0.9 for p90), interpolated between the two nearest ranks."""
    if not samples:
        raise ValueError("no samples")
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction {fraction} is not between 0 and 1")
    ordered = sorted(samples)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def speed_ratio(baseline_ms: float, page_ms: float) -> float:
    """How fast a page is next to the baseline: ≥ 1 is at least as fast."""
    return baseline_ms / page_ms


def growth(at_size_ms: float, at_smallest_ms: float) -> float:
    """How much slower a page is at a size than at the smallest: ≤ 1.25 is the target."""
    return at_size_ms / at_smallest_ms


def verdict(value: float, *, at_least: float | None = None, at_most: float | None = None) -> str:
    """ "met" or "missed" for a value against a bound."""
    if at_least is not None and value < at_least:
        return "missed"
    if at_most is not None and value > at_most:
        return "missed"
    return "met"
