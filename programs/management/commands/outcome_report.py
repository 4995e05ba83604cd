"""What the outcome check shows over everyone who answered it, for reporting the program's effect.

    manage.py outcome_report

prints how many people answered at the start and how many on day 28 too, and over the latter
their mean score (1 to 5) then and now and each statement's mean change. It prints no figure
over fewer than `maintenance.SMALLEST_GROUP_REPORTED` people, and never anyone's own answers.
"""

from django.core.management.base import BaseCommand

from programs.maintenance import OUTCOME_ITEMS, SMALLEST_GROUP_REPORTED, outcome_report
from programs.models import OutcomeCheck


class Command(BaseCommand):
    help = "Print the outcome check's figures over everyone who answered it (no one's own)."

    def handle(self, *args, **options):
        answers: dict[tuple[int, int], dict[str, dict]] = {}
        for person, enrollment, when, given in OutcomeCheck.objects.values_list(
            "person", "enrollment", "when", "answers"
        ):
            answers.setdefault((person, enrollment), {})[when] = given
        checks = [
            (both[OutcomeCheck.When.START], both.get(OutcomeCheck.When.END))
            for both in answers.values()
            if OutcomeCheck.When.START in both
        ]
        report = outcome_report(checks)
        self.stdout.write(f"Answered at the start: {report.started}")
        self.stdout.write(f"Answered on day 28 too: {report.finished}")
        if not report.reportable:
            self.stdout.write(
                f"Fewer than {SMALLEST_GROUP_REPORTED} people answered both times: no figures, "
                "so that no one's answers can be read from them."
            )
            return
        self.stdout.write(
            f"Mean score (1 to 5): {report.mean_start} at the start, {report.mean_end} on day 28"
        )
        self.stdout.write("Mean change per statement:")
        for key, change in report.item_changes.items():
            self.stdout.write(
                f"  {change:+} {OUTCOME_ITEMS[key]}"
                if change is not None
                else f"  n/a {OUTCOME_ITEMS[key]}"
            )
