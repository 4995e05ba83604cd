"""Plan the monthly review reminder for everyone already following a program.

New enrolments plan it themselves (Enrollment.plan_reminders); this covers those who enrolled
before the monthly review existed and have not had their reminders planned again since. Each
person gets the rule of the newest program they follow; paused enrolments are planned when they
resume.
"""

from zoneinfo import ZoneInfo

from django.db import migrations
from django.utils import timezone

from couplespace.wallclock import first_slot_after, next_monthly
from programs.maintenance import FIRST_MAINTENANCE_DAY
from programs.program_days import date_of_day

MONTHLY_REVIEW_TIME = "19:00"


def plan_monthly_reviews(apps, schema_editor):
    Enrollment = apps.get_model("programs", "Enrollment")
    Membership = apps.get_model("couplespace", "Membership")
    Reminder = apps.get_model("couplespace", "Reminder")
    planned = set(Reminder.objects.filter(kind="monthly_review").values_list("person", flat=True))
    rules = {}
    for enrollment in Enrollment.objects.order_by("created_at").select_related("person"):
        people = [enrollment.person]
        if enrollment.couple_id:
            members = Membership.objects.filter(couple_id=enrollment.couple_id, active=True)
            people = [member.person for member in members.select_related("person")] or people
        first = date_of_day(
            start=enrollment.start_date,
            day=FIRST_MAINTENANCE_DAY,
            paused_days=enrollment.paused_days,
        )
        rule = None
        if enrollment.paused_on is None:
            rule = {
                "day": min(first.day, 28),
                "time": MONTHLY_REVIEW_TIME,
                "from": first.isoformat(),
            }
        for person in people:
            rules[person] = rule  # the newest enrolment wins
    now = timezone.now()
    for person, rule in rules.items():
        if person.pk in planned or rule is None:
            continue
        slot = first_slot_after(next_monthly, rule, ZoneInfo(person.timezone), now)
        Reminder.objects.create(
            person=person,
            kind="monthly_review",
            rule=rule,
            next_due_at=slot.due_at if slot else None,
            next_slot=slot.key if slot else "",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("couplespace", "0006_person_keys_and_encrypted_notes"),
        ("programs", "0005_time_defaults_as_callables"),
    ]

    operations = [migrations.RunPython(plan_monthly_reviews, migrations.RunPython.noop)]
