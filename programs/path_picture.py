"""The path as a picture: one spot per day of the program, each behind you, today or ahead,
and marked where something was done. Days gone by without a check-in look like any other day
behind you: the picture shows where you are, not what was missed."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Spot:
    number: int
    state: str  # "behind", "today" or "ahead"
    done: bool
    phase: int
    starts_phase: bool


def spots(phases: list[dict], today_day: int) -> list[Spot]:
    """Every day of the phases that have days (as programs.views._phases lists them)."""

    def state(day: dict) -> str:
        return "today" if day["is_today"] else "behind" if day["number"] < today_day else "ahead"

    return [
        Spot(
            number=day["number"],
            state=state(day),
            done=day["done"] > 0,
            phase=phase["number"],
            starts_phase=index == 0,
        )
        for phase in phases
        for index, day in enumerate(phase["days"])
    ]


def summary(path: list[Spot]) -> dict[str, int]:
    """The figures the picture's text alternative gives."""
    return {
        "total": len(path),
        "ahead": sum(spot.state == "ahead" for spot in path),
        "done": sum(spot.done for spot in path),
    }
