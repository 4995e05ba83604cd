"""Where scores land on the small 2-D chart (avoidance across, anxiety up), in SVG units.

The chart is drawn by `assessments/_chart.html`; this module only does the arithmetic.
"""

from dataclasses import dataclass
from decimal import Decimal

from assessments import scoring

SIZE = 320
MARGIN = 40
UNIT = (SIZE - 2 * MARGIN) // (scoring.HIGHEST - scoring.LOWEST)  # 40 units per scale point


def x_of(avoidance: Decimal) -> float:
    return float(MARGIN + (avoidance - scoring.LOWEST) * UNIT)


def y_of(anxiety: Decimal) -> float:
    return float(SIZE - MARGIN - (anxiety - scoring.LOWEST) * UNIT)


ACCENT = "#3d5a99"
WARM = "#a3462c"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    anxiety: Decimal
    avoidance: Decimal
    color: str

    @property
    def label_y(self) -> float:
        return self.y - 14


def point(*, anxiety: Decimal, avoidance: Decimal, label: str = "", color: str = ACCENT) -> Point:
    return Point(
        x=x_of(avoidance),
        y=y_of(anxiety),
        label=label,
        anxiety=anxiety,
        avoidance=avoidance,
        color=color,
    )


def polyline(points: list[Point]) -> str:
    """The `points` attribute of a line joining the points in order."""
    return " ".join(f"{p.x:g},{p.y:g}" for p in points)


GEOMETRY = {
    "size": SIZE,
    "low": MARGIN,
    "high": SIZE - MARGIN,
    "mid": x_of(Decimal(scoring.MIDPOINT)),
    "plot": SIZE - 2 * MARGIN,
    "half": (SIZE - 2 * MARGIN) / 2,
    # Quadrant names sit in the outer corners, where few dots land.
    "corner_left": MARGIN + 8,
    "corner_right": SIZE - MARGIN - 8,
    "corner_top": MARGIN + 20,
    "corner_bottom": SIZE - MARGIN - 10,
    "label_below": SIZE - MARGIN + 24,
    "label_left": MARGIN - 24,
}
