"""The agreement app's steps a therapist can assign, and when a client has done one: preparing
for or taking part in the needs dialogue, and writing the security agreement (or, alone, the
commitments to oneself). The program's days of the needs-dialogue and agreement phases are done
here too: those pages save no day number, so any of this work since the assignment counts.
"""

from datetime import datetime

from django.db.models import Min
from django.urls import reverse
from django.utils.translation import gettext

from agreements.models import Acceptance, Commitment, Need, Reply, Version
from couplespace.features import Step, StepGroup
from programs import assigning as program_steps

DIALOGUE = "dialogue"
AGREEMENT = "agreement"
# The program's phase keys whose days are this app's work, by the step that does them.
PHASES = {"needs-dialogue": DIALOGUE, "agreement": AGREEMENT}


def step_groups() -> list[StepGroup]:
    steps = [
        Step(
            DIALOGUE,
            gettext("Prepare for the needs dialogue: what you fear and what you need"),
            reverse("agreements:dialogue_index"),
        ),
        Step(
            AGREEMENT,
            gettext("Write or review your security agreement"),
            reverse("agreements:index"),
        ),
    ]
    return [StepGroup(gettext("Needs dialogue and agreement"), steps)]


def done_since(person, keys: list[str], since: datetime) -> dict[str, datetime]:
    work = {key: key for key in keys if key in (DIALOGUE, AGREEMENT)}
    for key, phase in program_steps.phase_keys(keys).items():
        if phase in PHASES:
            work[key] = PHASES[phase]
    when = {kind: _done_at(person, kind, since) for kind in set(work.values())}
    return {key: when[kind] for key, kind in work.items() if when[kind] is not None}


def _done_at(person, kind: str, since: datetime) -> datetime | None:
    """The first writing of that kind since `since`: a need prepared or a line of a turn; a
    version proposed, an acceptance or a commitment to oneself."""
    if kind == DIALOGUE:
        times = [
            Need.objects.filter(person=person, written_at__gte=since).aggregate(
                at=Min("written_at")
            ),
            Reply.objects.filter(person=person, written_at__gte=since).aggregate(
                at=Min("written_at")
            ),
        ]
    else:
        times = [
            Version.objects.filter(created_by=person, created_at__gte=since).aggregate(
                at=Min("created_at")
            ),
            Acceptance.objects.filter(person=person, accepted_at__gte=since).aggregate(
                at=Min("accepted_at")
            ),
            Commitment.objects.filter(person=person, created_at__gte=since).aggregate(
                at=Min("created_at")
            ),
        ]
    found = [time["at"] for time in times if time["at"] is not None]
    return min(found, default=None)
