"""Beat's health check: `manage.py dispatch_health` fails unless the dispatcher ran lately.

Beat's only job is to send the reminder dispatcher every 30 seconds; each run that finishes
records the moment (couplespace/tasks.py). So a recent moment means beat is sending, a worker
is running what it sends, and due reminders are being claimed. A silent beat, no worker left
or a dispatcher that fails each time all leave the moment to age, and the check fails.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from couplespace.tasks import last_dispatch


class Command(BaseCommand):
    help = "Exit non-zero unless the reminder dispatcher finished a run in the last --max-age s."

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-age",
            type=int,
            default=300,
            help="seconds since the last finished run beyond which beat counts as unhealthy",
        )

    def handle(self, *args, max_age, **options):
        last = last_dispatch()
        if last is None:
            raise CommandError("The reminder dispatcher has not finished a run yet.")
        age = timezone.now() - last
        if age > timedelta(seconds=max_age):
            raise CommandError(
                f"The reminder dispatcher last finished a run {age.total_seconds():.0f} s ago."
            )
        self.stdout.write(
            f"The reminder dispatcher finished a run {age.total_seconds():.0f} s ago."
        )
