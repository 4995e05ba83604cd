"""Break-ups before this release left the partner who had not started the couple's program
without it, and kept what either had shared marked as shared, so a later partner could read it.

For every couple that has ended: that partner gets their own copy of each program the two
followed, with their own entries (as `Enrollment.carry_on_alone` does now), and every check-in
in those programs is private again. Check-ins of anyone not in a couple today are made private
too: no one can be reading them.
"""

from django.db import migrations


def part_ways(apps, schema_editor):
    Enrollment = apps.get_model("programs", "Enrollment")
    Membership = apps.get_model("couplespace", "Membership")
    Checkpoint = apps.get_model("programs", "Checkpoint")
    moved = {
        apps.get_model("programs", "Checkpoint"): "author",
        apps.get_model("programs", "PracticeEntry"): "author",
        apps.get_model("programs", "WeeklyCheckIn"): "person",
        apps.get_model("programs", "OutcomeCheck"): "person",
    }
    ended = Enrollment.objects.filter(couple__ended_at__isnull=False).order_by("created_at")
    for enrollment in ended:
        Checkpoint.objects.filter(enrollment=enrollment).update(shared_with_partner=False)
        members = Membership.objects.filter(couple_id=enrollment.couple_id)
        for member_id in members.exclude(person_id=enrollment.person_id).values_list(
            "person_id", flat=True
        ):
            own = Enrollment.objects.create(
                program_id=enrollment.program_id,
                person_id=member_id,
                start_date=enrollment.start_date,
                paused_on=enrollment.paused_on,
                paused_days=enrollment.paused_days,
                created_at=enrollment.created_at,
            )
            for model, author in moved.items():
                model.objects.filter(enrollment=enrollment, **{author: member_id}).update(
                    enrollment=own
                )
    in_a_couple = Membership.objects.filter(active=True).values("person_id")
    Checkpoint.objects.exclude(author__in=in_a_couple).update(shared_with_partner=False)


class Migration(migrations.Migration):
    dependencies = [
        ("couplespace", "0006_person_keys_and_encrypted_notes"),
        ("programs", "0006_plan_monthly_reviews"),
    ]

    operations = [migrations.RunPython(part_ways, migrations.RunPython.noop)]
