"""Geometry of the server-rendered SVG bar charts: plain numbers in, positions out.

Horizontal positions are percentages of the chart's width, so the same SVG is legible on a
phone and on a wide screen (its text keeps its size); vertical positions are pixels. Amounts
stay Decimal all the way; positions are Decimal too, rounded to 0.01 %.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

PERCENT = Decimal("0.01")
HUNDRED = Decimal(100)

# Vertical rhythm in pixels.
TITLE_HEIGHT = 22
LABEL_HEIGHT = 18
BAR_HEIGHT = 14
BAR_GAP = 8
GROUP_GAP = 22
AXIS_HEIGHT = 22
TICK_TARGET = 4


@dataclass(frozen=True)
class Part:
    """One named part of a bar: ``key`` is for styling, ``label`` for people."""

    key: str
    label: str
    amount: Decimal


@dataclass(frozen=True)
class Bar:
    """What to draw: a labelled bar made of parts, stacked left to right."""

    label: str
    parts: Sequence[Part]

    @property
    def total(self) -> Decimal:
        return sum((part.amount for part in self.parts), Decimal(0))


@dataclass(frozen=True)
class BarGroup:
    """Bars drawn together under one title (one offer, say)."""

    title: str
    bars: Sequence[Bar]


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    amount: Decimal
    x: Decimal
    width: Decimal


@dataclass(frozen=True)
class PlacedBar:
    label: str
    total: Decimal
    label_y: int
    y: int
    segments: list[Segment]


@dataclass(frozen=True)
class PlacedGroup:
    title: str
    title_y: int
    bars: list[PlacedBar]


@dataclass(frozen=True)
class Tick:
    amount: Decimal
    x: Decimal
    anchor: str


@dataclass(frozen=True)
class BarChart:
    groups: list[PlacedGroup]
    ticks: list[Tick]
    axis_bottom: int
    height: int
    bar_height: int = BAR_HEIGHT

    @property
    def tick_label_y(self) -> int:
        return self.height - 6


def nice_step(maximum: Decimal, target: int = TICK_TARGET) -> Decimal:
    """A round tick step (1, 2, 2.5 or 5 × 10ⁿ) that splits 0..maximum into about ``target``."""
    if maximum <= 0:
        return Decimal(1)
    raw = maximum / target
    magnitude = Decimal(1).scaleb(raw.adjusted())
    for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        if raw <= factor * magnitude:
            return (factor * magnitude).normalize()
    return (10 * magnitude).normalize()  # pragma: no cover - the loop always returns


def _percent(amount: Decimal, scale: Decimal) -> Decimal:
    return (amount * HUNDRED / scale).quantize(PERCENT, ROUND_HALF_UP)


def _segments(bar: Bar, scale: Decimal) -> list[Segment]:
    """Parts placed end to end; each starts where the previous ended, so rounding leaves no gap."""
    segments, running = [], Decimal(0)
    for part in bar.parts:
        if part.amount <= 0:
            continue
        start, running = _percent(running, scale), running + part.amount
        end = _percent(running, scale)
        segments.append(Segment(part.key, part.label, part.amount, x=start, width=end - start))
    return segments


def stacked_bar_chart(groups: Sequence[BarGroup]) -> BarChart:
    """Place every bar of every group on one shared scale, with round ticks along the bottom."""
    maximum = max((bar.total for group in groups for bar in group.bars), default=Decimal(0))
    step = nice_step(maximum)
    # The scale ends at the next half step, so the longest bar fills most of the width.
    half = step / 2
    scale = max(step, (maximum / half).to_integral_value(ROUND_CEILING) * half)
    steps = int(scale // step)
    placed, y = [], 0
    for group in groups:
        title_y = y + TITLE_HEIGHT - 6
        y += TITLE_HEIGHT
        bars = []
        for bar in group.bars:
            label_y = y + LABEL_HEIGHT - 5
            y += LABEL_HEIGHT
            bars.append(PlacedBar(bar.label, bar.total, label_y, y, _segments(bar, scale)))
            y += BAR_HEIGHT + BAR_GAP
        placed.append(PlacedGroup(group.title, title_y, bars))
        y += GROUP_GAP - BAR_GAP
    ticks = [Tick(step * i, _percent(step * i, scale), "middle") for i in range(steps + 1)]
    ticks = [
        Tick(t.amount, t.x, "start" if t.x == 0 else "end" if t.x == HUNDRED else "middle")
        for t in ticks
    ]
    return BarChart(placed, ticks, axis_bottom=y, height=y + AXIS_HEIGHT)


def compact_amount(amount: Decimal) -> str:
    """A tick label: 0, 950, 50k, 125k, 1.5M."""
    for size, suffix in ((Decimal(1_000_000_000), "B"), (Decimal(1_000_000), "M")):
        if amount >= size:
            return f"{(amount / size).quantize(PERCENT).normalize():f}{suffix}"
    if amount >= 1000:
        return f"{(amount / 1000).quantize(Decimal('0.1')).normalize():f}k"
    return f"{amount.normalize():f}"
