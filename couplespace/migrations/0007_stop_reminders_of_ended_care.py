"""Turn off the reminders of a therapist's steps once the work together has ended.

Ending care now turns them off (Care.end, also when a therapist deletes their account); this
covers care that ended before, and steps whose therapist's account is gone.
"""

from django.db import migrations

CHUNK = 500


def stop_reminders_of_ended_care(apps, schema_editor):
    Assignment = apps.get_model("couplespace", "Assignment")
    Reminder = apps.get_model("couplespace", "Reminder")
    open_steps = {
        f"assignment:{pk}"
        for pk in Assignment.objects.filter(
            care__accepted_at__isnull=False, care__ended_at__isnull=True
        ).values_list("pk", flat=True)
    }
    planned = Reminder.objects.filter(kind="assignment_due", next_due_at__isnull=False)
    stale = [pk for pk, topic in planned.values_list("pk", "topic") if topic not in open_steps]
    for start in range(0, len(stale), CHUNK):
        Reminder.objects.filter(pk__in=stale[start : start + CHUNK]).update(
            rule={}, next_due_at=None, next_slot=""
        )


class Migration(migrations.Migration):
    dependencies = [("couplespace", "0006_person_keys_and_encrypted_notes")]

    operations = [migrations.RunPython(stop_reminders_of_ended_care, migrations.RunPython.noop)]
