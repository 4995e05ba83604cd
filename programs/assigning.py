"""The program steps a therapist can assign, read from whatever programs are loaded, and when a
client has done one.

Keys (stored in couplespace.Assignment.step):
    program:<slug>              start the program
    program:<slug>:check-ins    check in three times a day for a week (a program with check-ins)
    program:<slug>:day:<n>      one day of it, with that day's activity as its label
    program:<slug>:step:<key>   one of its steps (a wish list, a plan written together, a log)

A day is done by the entry its phase asks for, saved since the assignment on that day of the
program or a later one: a check-in in a phase with check-ins, a practice-log line in the others,
or, in a phase with steps of its own, something written in one of them (a log line on that day
or later, a wish-list answer or a part of the plan). A step is done by the first thing written
in it since the assignment.
The days of the needs-dialogue and agreement phases are done in the agreement app's pages, which
save no day number; the agreement app answers for them (agreements/feature.py), through
`phase_keys`.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Min, Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext

from couplespace.features import Step, StepGroup
from couplespace.languages import in_reader_language
from programs import program_days
from programs.models import (
    Checkpoint,
    Enrollment,
    LogEntry,
    PlanPart,
    PracticeEntry,
    Program,
    WishAnswer,
)

KEY = re.compile(
    r"^program:(?P<slug>[-a-zA-Z0-9_]+)"
    r"(?::(?P<what>check-ins|day:(?P<day>\d+)|step:(?P<step>[-a-zA-Z0-9_]+)))?$"
)
# Phases whose work is written on the agreement app's pages, not in the program's own.
WORK_ELSEWHERE = {"needs-dialogue": "agreements:dialogue_index", "agreement": "agreements:index"}
PHASE_PAGES = {**WORK_ELSEWHERE, "practice": "programs:practice"}
CHECK_IN_DAYS = 7
LABEL_LENGTH = 90


def start_key(slug: str) -> str:
    return f"program:{slug}"


def check_ins_key(slug: str) -> str:
    return f"program:{slug}:check-ins"


def day_key(slug: str, day: int) -> str:
    return f"program:{slug}:day:{day}"


def step_key(slug: str, key: str) -> str:
    return f"program:{slug}:step:{key}"


@dataclass(frozen=True)
class ProgramStep:
    key: str
    slug: str
    what: str  # "start", "check-ins", "day" or "step"
    day: int | None
    step: str | None = None


def parse(key: str) -> ProgramStep | None:
    """What a key names, or None if it is not a program step's."""
    found = KEY.match(key)
    if found is None:
        return None
    day = int(found["day"]) if found["day"] else None
    if found["step"]:
        return ProgramStep(key, found["slug"], "step", None, found["step"])
    return ProgramStep(key, found["slug"], "day" if day else found["what"] or "start", day)


def step_groups() -> list[StepGroup]:
    """For each loaded program: starting it (and its week of check-ins), then one group per
    phase with a step for each of its days, in the reader's language."""
    groups = []
    for program in Program.objects.order_by("pk"):
        title = in_reader_language(program.content["title"])
        first = [
            Step(
                start_key(program.slug),
                gettext("Start “%(program)s”") % {"program": title},
                reverse("programs:path_of", args=[program.slug]),
            )
        ]
        if program.checkpoints:
            first.append(
                Step(
                    check_ins_key(program.slug),
                    gettext("Check in three times a day for a week"),
                    reverse("programs:checkpoint"),
                )
            )
        first += [
            Step(
                step_key(program.slug, step["key"]),
                f"{title} › {in_reader_language(step['title'])}",
                reverse("programs:step", args=[program.slug, step["key"]]),
            )
            for _phase, step in program.steps()
        ]
        groups.append(StepGroup(title, first))
        for number, phase in enumerate(program.phases, start=1):
            days = _days(program, phase)
            if days:
                label = gettext("%(program)s · Phase %(number)s: %(phase)s") % {
                    "program": title,
                    "number": number,
                    "phase": in_reader_language(phase["title"]),
                }
                groups.append(StepGroup(label, days))
    return groups


def _days(program: Program, phase: dict) -> list[Step]:
    first, last = phase["days"]
    steps = []
    for day in range(first, (last or first - 1) + 1):
        activity = program.activity(day)
        if activity is None:
            continue
        text = Truncator(in_reader_language(activity)).chars(LABEL_LENGTH)
        label = gettext("Day %(day)s: %(activity)s") % {"day": day, "activity": text}
        steps.append(Step(day_key(program.slug, day), label, day_page(program, phase, day)))
    return steps


def day_page(program: Program, phase: dict, day: int) -> str:
    """Where a day's work is written: the check-in, the practice log, the dialogue or the
    agreement; for a phase of another kind, the day's line on the program's path."""
    if "checkpoints" in phase:
        return reverse("programs:checkpoint")
    if phase.get("key") in PHASE_PAGES:
        return reverse(PHASE_PAGES[phase["key"]])
    return f"{reverse('programs:path_of', args=[program.slug])}#day-{day}"


def phase_keys(keys: list[str]) -> dict[str, str]:
    """The key of the phase each program-day key falls in (for the agreement app): one query
    whenever a program step is among the keys, whichever they are."""
    steps = [step for step in map(parse, keys) if step]
    programs = _programs(steps)
    found = {}
    for step in (step for step in steps if step.what == "day"):
        phase = _phase(programs.get(step.slug), step.day)
        if phase is not None:
            found[step.key] = phase.get("key", "")
    return found


def done_since(person, keys: list[str], since: datetime) -> dict[str, datetime]:
    """Which program steps among the keys the person has done since `since`, and when first:
    seven queries whatever the keys, none without a program step among them."""
    steps = [step for step in map(parse, keys) if step]
    if not steps:
        return {}
    programs = _programs(steps)
    saved = saved_since(person, since)
    found = {}
    for step in steps:
        program = programs.get(step.slug)
        at = first_done(program, step, saved) if program else None
        if at is not None:
            found[step.key] = at
    return found


@dataclass(frozen=True)
class Saved:
    """What a person saved in the programs since a moment, by program id: when they first
    enrolled, the first check-in and practice-log line of each (day, local date), and the first
    thing written in each step (by day for a log)."""

    started: dict[int, datetime]
    check_ins: list[tuple[int, int, date, datetime]]  # program, day, local date, first saved
    practice: list[tuple[int, int, datetime]]  # program, day, first saved
    in_steps: list[tuple[int, str, int | None, datetime]]  # program, step, day, first saved


def saved_since(person, since: datetime) -> Saved:
    mine = Q(person=person) | (Q(couple=person.couple) if person.couple else Q())
    started = (
        Enrollment.objects.filter(mine, created_at__gte=since)
        .values("program")
        .annotate(first=Min("created_at"))
        .values_list("program", "first")
    )
    check_ins = (
        Checkpoint.objects.filter(author=person, created_at__gte=since)
        .values("enrollment__program", "day", "local_date")
        .annotate(first=Min("created_at"))
        .values_list("enrollment__program", "day", "local_date", "first")
    )
    practice = (
        PracticeEntry.objects.filter(author=person, created_at__gte=since)
        .values("enrollment__program", "day")
        .annotate(first=Min("created_at"))
        .values_list("enrollment__program", "day", "first")
    )
    logs = (
        LogEntry.objects.filter(author=person, created_at__gte=since)
        .values("enrollment__program", "step", "day")
        .annotate(first=Min("created_at"))
        .values_list("enrollment__program", "step", "day", "first")
    )
    undated = [
        model.objects.filter(**{who: person}, updated_at__gte=since)
        .values("enrollment__program", "step")
        .annotate(first=Min("updated_at"))
        .values_list("enrollment__program", "step", "first")
        for model, who in ((WishAnswer, "person"), (PlanPart, "updated_by"))
    ]
    in_steps = list(logs.order_by()) + [
        (program, step, None, first) for rows in undated for program, step, first in rows.order_by()
    ]
    return Saved(
        dict(started.order_by()),
        list(check_ins.order_by()),
        list(practice.order_by()),
        in_steps,
    )


def first_done(program: Program, step: ProgramStep, saved: Saved) -> datetime | None:
    """When a program step was first done, from what was saved (no database)."""
    if step.what == "start":
        return saved.started.get(program.pk)
    written = [row for row in saved.in_steps if row[0] == program.pk]
    if step.what == "step":
        return min(
            (first for _program, key, _day, first in written if key == step.step), default=None
        )
    check_ins = [row for row in saved.check_ins if row[0] == program.pk]
    if step.what == "check-ins":
        firsts: dict[date, datetime] = {}
        for _program, _day, local_date, first in check_ins:
            firsts[local_date] = min(first, firsts.get(local_date, first))
        return seventh_day_of(list(firsts.values()))
    phase = _phase(program, step.day)
    if phase is None or phase.get("key") in WORK_ELSEWHERE:
        return None
    if "checkpoints" in phase:
        times = [first for _program, day, _date, first in check_ins if day >= step.day]
    else:
        own_steps = {own["key"] for own in phase.get("steps", [])}
        times = [
            first
            for program_id, day, first in saved.practice
            if program_id == program.pk and day >= step.day
        ] + [
            first
            for _program, key, day, first in written
            if (day is None and key in own_steps) or (day is not None and day >= step.day)
        ]
    return min(times, default=None)


def _programs(steps: list[ProgramStep]) -> dict[str, Program]:
    if not steps:
        return {}
    slugs = {step.slug for step in steps}
    return {program.slug: program for program in Program.objects.filter(slug__in=slugs)}


def _phase(program: Program | None, day: int) -> dict | None:
    found = program_days.phase_of(program.phases, day) if program else None
    return found.phase if found else None


def seventh_day_of(firsts: list[datetime]) -> datetime | None:
    """When check-ins first covered seven days, from the first check-in of each day."""
    ordered = sorted(firsts)
    return ordered[CHECK_IN_DAYS - 1] if len(ordered) >= CHECK_IN_DAYS else None
