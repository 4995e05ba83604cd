"""Helpers for program tests: the shipped program, enrolments, and check-ins written in bulk."""

from datetime import timedelta

from programs.content import CONTENT_DIR
from programs.models import Checkpoint, Enrollment, Program


def load_program() -> Program:
    return Program.objects.load(CONTENT_DIR / "security-and-sexuality.json")


SECOND = "talking-about-sex"


def load_second_program() -> Program:
    return Program.objects.load(CONTENT_DIR / f"{SECOND}.json")


def enrol(
    person, *, day: int = 1, together: bool = False, slug: str = "security-and-sexuality"
) -> Enrollment:
    """Enrol `person` in the program `slug` so that today (their local today) is its day `day`."""
    enrollment = Enrollment.objects.create(
        program=Program.objects.get(slug=slug),
        person=person,
        couple=person.couple if together else None,
        start_date=person.local_today() - timedelta(days=day - 1),
    )
    enrollment.plan_reminders(person)
    return enrollment


def write_checkpoints(person, enrollment, count: int, **fields) -> list[Checkpoint]:
    """`count` check-ins by `person`, three a day going back from the enrolment's start."""
    entries = []
    for number in range(count):
        day_back, moment = divmod(number, 3)
        entries.append(
            Checkpoint(
                author=person,
                enrollment=enrollment,
                local_date=enrollment.start_date + timedelta(days=6 - day_back),
                day=max(7 - day_back, 1),
                moment=moment,
                temperature=number % 11,
                body_responses=["tense"],
                behaviour="approach",
                **fields,
            )
        )
    return Checkpoint.objects.bulk_create(entries)
