"""The week board: one week of check-ins as a chart, a summary and a list. The person sees
their own, their partner what they shared, a therapist what the client shares."""

from datetime import timedelta

from django.db.models import Q

from programs import week_figures
from programs.models import Checkpoint

# What the board shows of a check-in: never what was written in it. Reading only these columns
# leaves the notes encrypted, so nothing is opened that the page does not show.
SHOWN = (
    "author",
    "enrollment",
    "local_date",
    "day",
    "moment",
    "temperature",
    "body_responses",
    "behaviour",
    "shared_with_partner",
)


def recent(today) -> Q:
    """The check-ins of the days that count towards `week_figures.needs_support`."""
    return Q(local_date__gt=today - timedelta(days=week_figures.LOW_WINDOW_DAYS))


def needs_support(today, entries) -> bool:
    """Whether a person's temperature stayed low lately, from their check-ins (those older than
    the days that count are ignored)."""
    temperatures: dict = {}
    for entry in entries:
        temperatures.setdefault(entry.local_date, []).append(entry.temperature)
    return week_figures.needs_support(temperatures, today=today)


def week_entries(entries, week: int, *, also: Q | None = None, with_words: bool = False) -> list:
    """One week's entries (and any others `also` selects), in order of day and moment: what
    `for_week` shows, from entries already scoped by privacy. Their notes are read (and
    decrypted) only `with_words`, for a page that shows or edits them. Their authors are not
    read: a board is one person's, and its page knows who they are."""
    wanted = Q(day__in=week_figures.days_of_week(week))
    if also is not None:
        wanted |= also
    found = entries.filter(wanted).order_by("day", "moment")
    return list(found if with_words else found.only(*SHOWN))


def week_asked(request, entries, day: int) -> int:
    """The week the query string asks for; otherwise (or for junk) the latest with entries."""
    asked = week_figures.week_asked(request.GET.get("week", ""))
    if asked is not None:
        return asked
    latest = entries.order_by("-day").values_list("day", flat=True).first()
    return week_figures.week_of(latest or max(day, 1))


def for_week(program, listed: list, week: int, last_day: int) -> dict:
    """The chart, summary and entries of one week, from that week's entries, already scoped
    by privacy and in order of day and moment."""
    days = week_figures.days_of_week(week)
    readings = [
        week_figures.Reading(
            day=entry.day,
            moment=entry.moment,
            temperature=entry.temperature,
            body_responses=tuple(entry.body_responses),
            behaviour=entry.behaviour,
        )
        for entry in listed
    ]
    chips = [chip["key"] for chip in program.checkpoints.get("body_responses", [])]
    summary = week_figures.week_summary(
        readings, body_order=chips, behaviour_order=list(Checkpoint.Behaviour.values)
    )
    return {
        "week": week,
        "previous_week": week - 1 if week > 1 else None,
        "next_week": week + 1 if week < week_figures.week_of(last_day) else None,
        "chart": week_figures.chart(readings, days),
        "summary": summary,
        "lowest_moment": (
            Checkpoint.Moment(summary.lowest_moment).label
            if summary.lowest_moment is not None
            else None
        ),
        "top_body_response": (
            program.body_response_label(summary.top_body_response)
            if summary.top_body_response
            else None
        ),
        "top_behaviour": (
            Checkpoint.Behaviour(summary.top_behaviour).label if summary.top_behaviour else None
        ),
        "entries": listed,
        "moments": Checkpoint.Moment.choices,
        "program": program,
    }
