"""What the workspace suggests in phases 4 and 5: the outcome check, the log, the check-in."""

from django.urls import reverse
from django.utils.translation import gettext as _

from couplespace.features import NextStep
from programs import maintenance, week_figures
from programs.models import OutcomeCheck, WeeklyCheckIn


def practice_steps(person, enrollment, day: int) -> list[NextStep]:
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
    if day >= maintenance.FIRST_MAINTENANCE_DAY:
        answered = (
            WeeklyCheckIn.objects.visible_to(person)
            .filter(person=person, enrollment=enrollment, week=week_figures.week_of(day))
            .exists()
        )
        if not answered:
            steps.append(NextStep(_("Your weekly check-in is waiting"), reverse("programs:weekly")))
    return steps
