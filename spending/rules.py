"""Pacing rules that are not SQL: thresholds, statuses and the running-budget rule.

The rates themselves (plan interpolation, deviations, status) are computed exactly in
queries/macros.sql; this module holds the pure pieces around them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import groupby
from typing import Iterable

# Status codes in the order the rules test them (SPEC §1), and their one set of colours.
STATUSES = ("overspent", "severe", "lagging", "on_track")
STATUS_COLORS = {
    "on_track": "#2e9d5b",   # 正常 green
    "lagging": "#f0a202",    # 滞后 amber
    "severe": "#d64541",     # 严重滞后 red
    "overspent": "#7b4fb3",  # 超支 purple
}
DEFAULT_YELLOW = Decimal("10")
DEFAULT_RED = Decimal("20")


@dataclass(frozen=True)
class Thresholds:
    """Points behind plan at which a project turns 滞后 (yellow) and 严重滞后 (red)."""

    yellow: Decimal = DEFAULT_YELLOW
    red: Decimal = DEFAULT_RED

    def __post_init__(self):
        for name in ("yellow", "red"):
            value = Decimal(getattr(self, name))
            if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.000001")):
                raise ValueError(f"{name} threshold must be a number ≥ 0 with at most 6 decimals")
            object.__setattr__(self, name, value)
        if self.yellow > self.red:
            raise ValueError("the yellow threshold must not exceed the red one")

    def params(self) -> dict:
        return {"yellow": str(self.yellow), "red": str(self.red)}


def first_negative_budget(initial: Decimal, adjustments: Iterable[tuple[date, Decimal]]) -> date | None:
    """The first date at which initial + adjustments up to that date is below 0, else None.

    Adjustments on the same date count together ("at any date" is read as at the end of
    each day), so a 追减 and a 追加 on one day are not ordered against each other.
    """
    running = Decimal(initial)
    for day, same_day in groupby(sorted(adjustments, key=lambda a: a[0]), key=lambda a: a[0]):
        running += sum((amount for _, amount in same_day), Decimal(0))
        if running < 0:
            return day
    return None
