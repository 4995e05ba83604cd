"""One-off reminders become UTC instants.

A one-off (a signal's alert, the end of a pause, a therapist's step) was stored as a wall-clock
time, `{"at": "2026-11-01T01:16"}`, which a fold's repeated hour and a change of time zone
misread. Each becomes `{"instant": "…Z"}`: the instant the engine had planned for it, or, for
one already sent, the one its wall-clock time named in the person's zone. The slot key grows to
hold an instant's seconds.
"""

from datetime import UTC
from zoneinfo import ZoneInfo

from django.db import migrations, models

from couplespace.wallclock import parse_local, to_utc


def to_instants(apps, schema_editor):
    Reminder = apps.get_model("couplespace", "Reminder")
    one_offs = Reminder.objects.filter(rule__has_key="at").select_related("person")
    for reminder in one_offs.iterator(chunk_size=500):
        instant = reminder.next_due_at or to_utc(
            parse_local(reminder.rule["at"]), ZoneInfo(reminder.person.timezone)
        )
        reminder.rule = {"instant": instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
        reminder.save(update_fields=["rule"])


class Migration(migrations.Migration):
    dependencies = [("couplespace", "0009_quick_exit_signs_out")]

    operations = [
        migrations.AlterField(
            model_name="reminder",
            name="next_slot",
            field=models.CharField(blank=True, default="", max_length=19),
        ),
        migrations.RunPython(to_instants, migrations.RunPython.noop),
    ]
