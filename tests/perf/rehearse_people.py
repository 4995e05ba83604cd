"""The rehearsal's burst: thousands of people whose check-in reminder falls due at once.

Run inside the site's settings through `manage.py shell --command`, like load_people:
`add(3000)` creates the people (no password: they never sign in), `make_due()` gives each one
a check-in reminder whose slot was a minute ago, and `tally()` prints, as JSON, how many
check-in reminders each of them has in the app.
"""

import json
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from couplespace.models import Notification, Reminder, User
from couplespace.reminders import schedule_reminder
from programs.reminders import CHECKPOINT_REMINDER
from tests.perf.load_people import HOMES
from tests.perf.rehearse import DOMAIN, KIND


def address(number: int) -> str:
    return f"person{number}@{DOMAIN}"


def add(count: int) -> None:
    unusable = make_password(None)
    User.objects.bulk_create(
        User(
            email=address(number),
            password=unusable,
            timezone=HOMES[number % len(HOMES)][0],
            language=HOMES[number % len(HOMES)][1],
        )
        for number in range(count)
    )


def make_due() -> None:
    """Each burst person asks for a daily check-in reminder at the minute that has just passed
    in their own zone, as if they had set it two minutes ago: one due slot each, all at once.

    The reminder engine plans the first person of each zone (`schedule_reminder`); everyone
    else in that zone gets the same row in one insert, as the engine would have written it.
    """
    now = timezone.now()
    by_zone: dict[str, list[User]] = {}
    for person in User.objects.filter(email__endswith=f"@{DOMAIN}"):
        by_zone.setdefault(person.timezone, []).append(person)
    with transaction.atomic():
        for first, *others in by_zone.values():
            minute = first.local_time(now - timedelta(minutes=1)).strftime("%H:%M")
            planned = schedule_reminder(
                person=first,
                kind=CHECKPOINT_REMINDER,
                rule={"times": [minute]},
                now=now - timedelta(minutes=2),
            )
            Reminder.objects.bulk_create(
                Reminder(
                    person=person,
                    kind=KIND,
                    rule=planned.rule,
                    next_due_at=planned.next_due_at,
                    next_slot=planned.next_slot,
                )
                for person in others
            )


def tally() -> None:
    """Each burst person's email and how many check-in reminders they have in the app."""
    people = User.objects.filter(email__endswith=f"@{DOMAIN}")
    counts = dict(
        Notification.objects.filter(person__in=people, kind=KIND)
        .values_list("person__email")
        .annotate(Count("id"))
    )
    print(
        json.dumps(
            {email: counts.get(email, 0) for email in people.values_list("email", flat=True)}
        )
    )
