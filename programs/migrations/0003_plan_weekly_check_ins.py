"""Plan the weekly check-in reminder for everyone already following a program.

New enrolments plan it themselves (Enrollment.plan_reminders); this covers those who enrolled
before the weekly check-in existed. Paused enrolments are planned when they resume.
"""

from zoneinfo import ZoneInfo

from django.db import migrations
from django.utils import timezone

from couplespace.wallclock import first_slot_after, next_weekly
from programs.maintenance import FIRST_MAINTENANCE_DAY
from programs.program_days import date_of_day

WEEKLY_CHECK_IN_TIME = "19:00"


def plan_weekly_check_ins(apps, schema_editor):
    Enrollment = apps.get_model("programs", "Enrollment")
    Membership = apps.get_model("couplespace", "Membership")
    Reminder = apps.get_model("couplespace", "Reminder")
    now = timezone.now()
    for enrollment in Enrollment.objects.filter(paused_on__isnull=True).select_related("person"):
        people = [enrollment.person]
        if enrollment.couple_id:
            members = Membership.objects.filter(couple_id=enrollment.couple_id, active=True)
            people = [member.person for member in members.select_related("person")] or people
        first = date_of_day(
            start=enrollment.start_date,
            day=FIRST_MAINTENANCE_DAY,
            paused_days=enrollment.paused_days,
        )
        rule = {"weekday": first.weekday(), "time": WEEKLY_CHECK_IN_TIME, "from": first.isoformat()}
        for person in people:
            slot = first_slot_after(next_weekly, rule, ZoneInfo(person.timezone), now)
            Reminder.objects.update_or_create(
                person=person,
                kind="weekly_check_in",
                topic="",
                defaults={
                    "rule": rule,
                    "next_due_at": slot.due_at if slot else None,
                    "next_slot": slot.key if slot else "",
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("couplespace", "0004_therapists"),
        ("programs", "0002_practice_maintenance_rituals_outcome"),
    ]

    operations = [migrations.RunPython(plan_weekly_check_ins, migrations.RunPython.noop)]
