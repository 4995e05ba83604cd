"""What a week of checkpoints shows: the chart, the week summary, a low-temperature signal.

Plain functions of plain values (day, moment, temperature, chips, behaviour), so each rule is
tested with exact numbers and without a database.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

MOMENTS = (0, 1, 2)  # morning, midday, evening: the order of a person's three checkpoint times
LOW_TEMPERATURE = 3
LOW_DAYS_NEEDED = 5
LOW_WINDOW_DAYS = 7


@dataclass(frozen=True)
class Reading:
    day: int
    moment: int
    temperature: int
    body_responses: tuple[str, ...] = ()
    behaviour: str = ""


@dataclass(frozen=True)
class WeekSummary:
    count: int
    average: Decimal | None
    lowest_moment: int | None
    top_body_response: str | None
    top_behaviour: str | None


def week_summary(
    readings: list[Reading], *, body_order: list[str], behaviour_order: list[str]
) -> WeekSummary:
    """Average temperature (one decimal), the time of day with the lowest average, and the
    most frequent body response and behaviour. Ties go to the earlier time of day, and to
    the chip or behaviour listed first."""
    if not readings:
        return WeekSummary(0, None, None, None, None)
    total = sum(reading.temperature for reading in readings)
    average = (Decimal(total) / len(readings)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    by_moment: dict[int, list[int]] = {}
    for reading in readings:
        by_moment.setdefault(reading.moment, []).append(reading.temperature)
    lowest = min(sorted(by_moment), key=lambda moment: _mean(by_moment[moment]))
    chips = Counter(chip for reading in readings for chip in reading.body_responses)
    behaviours = Counter(reading.behaviour for reading in readings if reading.behaviour)
    return WeekSummary(
        count=len(readings),
        average=average,
        lowest_moment=lowest,
        top_body_response=_most_frequent(chips, body_order),
        top_behaviour=_most_frequent(behaviours, behaviour_order),
    )


def _mean(values: list[int]) -> Decimal:
    return Decimal(sum(values)) / len(values)


def _most_frequent(counts: Counter, order: list[str]) -> str | None:
    if not counts:
        return None
    rank = {key: position for position, key in enumerate(order)}
    return min(counts, key=lambda key: (-counts[key], rank.get(key, len(rank)), key))


def needs_support(temperatures: dict[date, list[int]], *, today: date) -> bool:
    """Whether temperature stayed low: a daily average of at most 3 on five of the last seven
    days (today included). Days without entries do not count either way."""
    window = {today - timedelta(days=back) for back in range(LOW_WINDOW_DAYS)}
    low_days = sum(
        1
        for day, values in temperatures.items()
        if day in window and values and _mean(values) <= LOW_TEMPERATURE
    )
    return low_days >= LOW_DAYS_NEEDED


# The chart: temperature (0-10, up) by day (across) with one line per time of day.

WIDTH, HEIGHT = 340, 220
LEFT, RIGHT, TOP, BOTTOM = 34, 12, 12, 34
COLOURS = ("#3d5a99", "#a3462c", "#2f6b45")  # all reach 4.5:1 on white


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: int
    temperature: int

    @property
    def corner(self) -> tuple[float, float]:
        """Top-left of a square marker centred on the point."""
        return self.x - 4, self.y - 4


@dataclass(frozen=True)
class Series:
    moment: int
    colour: str
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(
            f"{'M' if index == 0 else 'L'}{point.x:.1f} {point.y:.1f}"
            for index, point in enumerate(self.points)
        )


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    days: list[tuple[int, float]]  # (day, x) for the labels along the bottom
    levels: list[tuple[int, float]]  # (temperature, y) for the grid lines
    series: list[Series]
    left: int
    right: float
    bottom: float

    @property
    def table(self) -> list[tuple[int, list[int | None]]]:
        """The same readings as rows of (day, temperature per time of day) for a data table."""
        values = {
            (point.day, line.moment): point.temperature
            for line in self.series
            for point in line.points
        }
        return [(day, [values.get((day, moment)) for moment in MOMENTS]) for day, _ in self.days]


def chart(readings: list[Reading], days: list[int]) -> Chart:
    """Where to draw each reading; the template turns this into SVG."""
    span = WIDTH - LEFT - RIGHT
    step = span / max(len(days) - 1, 1)
    x_of = {day: LEFT + index * step for index, day in enumerate(days)}

    def y_of(temperature: int) -> float:
        return TOP + (10 - temperature) * (HEIGHT - TOP - BOTTOM) / 10

    series = []
    for moment in MOMENTS:
        points = [
            Point(
                x=x_of[reading.day],
                y=y_of(reading.temperature),
                day=reading.day,
                temperature=reading.temperature,
            )
            for reading in sorted(readings, key=lambda reading: reading.day)
            if reading.moment == moment and reading.day in x_of
        ]
        if points:
            series.append(Series(moment=moment, colour=COLOURS[moment], points=points))
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        days=[(day, x_of[day]) for day in days],
        levels=[(level, y_of(level)) for level in (0, 5, 10)],
        series=series,
        left=LEFT,
        right=WIDTH - RIGHT,
        bottom=HEIGHT - BOTTOM,
    )


# A day number is stored as a small positive integer (up to 32,767 on every database).
LAST_WEEK = 32767 // 7


def week_asked(raw: str) -> int | None:
    """The week a query string asks for, or None for anything that is not one: only ASCII
    digits (not "²" or "٣", which str.isdigit takes), from week 1 to the last a day can be in."""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(LAST_WEEK)):
        return None
    week = int(raw)
    return week if 1 <= week <= LAST_WEEK else None


def week_of(day: int) -> int:
    """Week 1 is days 1 to 7."""
    return max((day - 1) // 7 + 1, 1)


def days_of_week(week: int) -> list[int]:
    return list(range(7 * (week - 1) + 1, 7 * week + 1))
