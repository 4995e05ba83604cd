"""A weekly check-in's reveal is stored, so that nothing once shown is taken back.

Before, a week's two answers were shown whenever both existed and neither partner had answered
"yes" to the safety question, so a later "yes" hid answers the partner had already read. Each
week both partners answered is marked revealed when its second answer came, unless a "yes" in
the couple was already given then (those weeks were never shown); a later "yes" no longer hides
the weeks before it.
"""

from django.db import migrations, models


def reveal_what_was_shown(apps, schema_editor):
    WeeklyCheckIn = apps.get_model("programs", "WeeklyCheckIn")
    SafetyAnswer = apps.get_model("couplespace", "SafetyAnswer")
    afraid_since = dict(
        SafetyAnswer.objects.filter(feels_afraid=True)
        .order_by("-answered_at")
        .values_list("couple_id", "answered_at")
    )
    weeks = {}
    together = WeeklyCheckIn.objects.filter(enrollment__couple__isnull=False)
    for check_in in together.select_related("enrollment").order_by("created_at"):
        weeks.setdefault((check_in.enrollment_id, check_in.week), []).append(check_in)
    for pair in weeks.values():
        if len({check_in.person_id for check_in in pair}) < 2:
            continue
        second = pair[-1].created_at
        since = afraid_since.get(pair[0].enrollment.couple_id)
        if since is None or second < since:
            WeeklyCheckIn.objects.filter(pk__in=[c.pk for c in pair]).update(revealed_at=second)


class Migration(migrations.Migration):
    dependencies = [
        ("couplespace", "0003_safety_answer"),
        ("programs", "0007_part_ways_after_past_break_ups"),
    ]
    # It reads the safety answers in clear, so it runs before the core seals them.
    run_before = [("couplespace", "0015_encrypt_safety_answer")]

    operations = [
        migrations.AddField(
            model_name="weeklycheckin",
            name="for_partner",
            field=models.BooleanField(default=True),
        ),
        migrations.AddField(
            model_name="weeklycheckin",
            name="revealed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(reveal_what_was_shown, migrations.RunPython.noop),
    ]
