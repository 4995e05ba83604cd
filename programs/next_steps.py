"""What Today suggests below the cards: the program to start or resume, today's step, and in
phases 4 and 5 the outcome check, the log and the weekly check-in."""

from django.urls import reverse
from django.utils.translation import gettext as _

from couplespace.features import NextStep
from programs import maintenance, program_days
from programs.models import OutcomeCheck


def next_steps(person, enrollment, weekly) -> list[NextStep]:
    """`weekly` says whether this week's check-in waits (programs.today.WeeklyAnswer)."""
    if enrollment is None:
        text = _("Follow the 28-day program on security and sexuality, alone or together.")
        return [NextStep(text, reverse("programs:path"))]
    if enrollment.is_paused:
        return [
            NextStep(
                _("Your program is paused. Resume when you are ready."), reverse("programs:path")
            )
        ]
    day = enrollment.day_today(person)
    # The outcome check, the practice log and the weekly check-in are the first program's.
    later = (
        practice_steps(person, enrollment, weekly, day) if enrollment.program.checkpoints else []
    )
    if not program_days.has_started(day):
        return later
    return [
        NextStep(
            _("Day %(day)s of your program: see today’s step") % {"day": day},
            day_url(day),
        ),
        *later,
    ]


def day_url(day: int) -> str:
    """Today's line of the path, not the top of it."""
    return f"{reverse('programs:path')}#day-{day}"


def practice_steps(person, enrollment, weekly, day: int) -> list[NextStep]:
    steps = []
    done = set(
        OutcomeCheck.objects.visible_to(person)
        .filter(enrollment=enrollment)
        .values_list("when", flat=True)
    )
    if day < maintenance.OUTCOME_END_DAY and OutcomeCheck.When.START not in done:
        steps.append(
            NextStep(
                _("Before you begin: five short statements, to compare on day 28"),
                reverse("programs:outcome"),
            )
        )
    if day >= maintenance.OUTCOME_END_DAY and OutcomeCheck.When.END not in done:
        steps.append(
            NextStep(
                _("Day 28: answer the short check again and see what changed"),
                reverse("programs:outcome"),
            )
        )
    if 22 <= day < maintenance.FIRST_MAINTENANCE_DAY:
        steps.append(NextStep(_("Add to your practice log"), reverse("programs:practice")))
    if weekly.waiting(day):
        steps.append(NextStep(_("Your weekly check-in is waiting"), reverse("programs:weekly")))
    return steps
