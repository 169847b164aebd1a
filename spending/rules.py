"""Pacing rules that are not SQL: thresholds and statuses.

The rates themselves (plan interpolation, deviations, status) are computed exactly in
queries/macros.sql, and the running-budget rule in queries/import/negative_budgets.sql;
this module holds the pure pieces around them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

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
