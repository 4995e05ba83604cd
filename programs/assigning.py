"""The program steps a therapist can assign, read from whatever programs are loaded, and when a
client has done one.

Keys (stored in couplespace.Assignment.step):
    program:<slug>              start the program
    program:<slug>:check-ins    check in three times a day for a week (a program with check-ins)
    program:<slug>:day:<n>      one day of it, with that day's activity as its label

A day is done by the entry its phase asks for, saved since the assignment on that day of the
program or a later one: a check-in in a phase with check-ins, a practice-log line in the others.
The days of the needs-dialogue and agreement phases are done in the agreement app's pages, which
save no day number; the agreement app answers for them (agreements/feature.py), through
`phase_keys`.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Min, Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext

from couplespace.features import Step, StepGroup
from couplespace.languages import in_reader_language
from programs import program_days
from programs.models import Checkpoint, Enrollment, PracticeEntry, Program
from programs.today import day_url

KEY = re.compile(r"^program:(?P<slug>[-a-zA-Z0-9_]+)(?::(?P<what>check-ins|day:(?P<day>\d+)))?$")
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


@dataclass(frozen=True)
class ProgramStep:
    key: str
    slug: str
    what: str  # "start", "check-ins" or "day"
    day: int | None


def parse(key: str) -> ProgramStep | None:
    """What a key names, or None if it is not a program step's."""
    found = KEY.match(key)
    if found is None:
        return None
    what = found["what"] or "start"
    day = int(found["day"]) if found["day"] else None
    return ProgramStep(key, found["slug"], "day" if day else what, day)


def step_groups() -> list[StepGroup]:
    """For each loaded program: starting it (and its week of check-ins), then one group per
    phase with a step for each of its days, in the reader's language."""
    groups = []
    for program in Program.objects.order_by("pk"):
        title = in_reader_language(program.content["title"])
        first = [
            Step(start_key(program.slug), gettext("Start the program"), reverse("programs:path"))
        ]
        if program.checkpoints:
            first.append(
                Step(
                    check_ins_key(program.slug),
                    gettext("Check in three times a day for a week"),
                    reverse("programs:checkpoint"),
                )
            )
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
        steps.append(Step(day_key(program.slug, day), label, day_page(phase, day)))
    return steps


def day_page(phase: dict, day: int) -> str:
    """Where a day's work is written: the check-in, the practice log, the dialogue or the
    agreement; for a phase of another kind, the day's line on the path."""
    if "checkpoints" in phase:
        return reverse("programs:checkpoint")
    if phase.get("key") in PHASE_PAGES:
        return reverse(PHASE_PAGES[phase["key"]])
    return day_url(day)


def phase_keys(keys: list[str]) -> dict[str, str]:
    """The key of the phase each program-day key falls in (for the agreement app)."""
    days = [step for step in map(parse, keys) if step and step.what == "day"]
    programs = _programs(days)
    found = {}
    for step in days:
        phase = _phase(programs.get(step.slug), step.day)
        if phase is not None:
            found[step.key] = phase.get("key", "")
    return found


def done_since(person, keys: list[str], since: datetime) -> dict[str, datetime]:
    steps = [step for step in map(parse, keys) if step]
    programs = _programs(steps)
    found = {}
    for step in steps:
        program = programs.get(step.slug)
        at = _done_at(person, program, step, since) if program else None
        if at is not None:
            found[step.key] = at
    return found


def _programs(steps: list[ProgramStep]) -> dict[str, Program]:
    if not steps:
        return {}
    slugs = {step.slug for step in steps}
    return {program.slug: program for program in Program.objects.filter(slug__in=slugs)}


def _phase(program: Program | None, day: int) -> dict | None:
    found = program_days.phase_of(program.phases, day) if program else None
    return found.phase if found else None


def _done_at(person, program: Program, step: ProgramStep, since: datetime) -> datetime | None:
    check_ins = Checkpoint.objects.filter(
        author=person, enrollment__program=program, created_at__gte=since
    )
    if step.what == "start":
        mine = Q(person=person) | (Q(couple=person.couple) if person.couple else Q())
        started = Enrollment.objects.filter(mine, program=program, created_at__gte=since)
        return started.aggregate(at=Min("created_at"))["at"]
    if step.what == "check-ins":
        return seventh_day_of(
            check_ins.order_by("created_at").values_list("local_date", "created_at")
        )
    phase = _phase(program, step.day)
    if phase is None or phase.get("key") in WORK_ELSEWHERE:
        return None
    if "checkpoints" in phase:
        entries = check_ins
    else:
        entries = PracticeEntry.objects.filter(
            author=person, enrollment__program=program, created_at__gte=since
        )
    return entries.filter(day__gte=step.day).aggregate(at=Min("created_at"))["at"]


def seventh_day_of(check_ins) -> datetime | None:
    """When check-ins (local date, saved at; in the order saved) first covered seven days."""
    days = set()
    for local_date, saved_at in check_ins:
        days.add(local_date)
        if len(days) == CHECK_IN_DAYS:
            return saved_at
    return None
