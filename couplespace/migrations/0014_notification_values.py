from django.db import migrations, models

# The words each older notice could have been written with, in English and Chinese, and the
# values that say them now (a copy: the live kinds may change their words later).
CHECK_IN_TITLES = {
    "Time for your morning check-in": "morning",
    "该做早间记录了": "morning",
    "Time for your midday check-in": "midday",
    "该做午间记录了": "midday",
    "Time for your evening check-in": "evening",
    "该做晚间记录了": "evening",
}
WORDS_BY_VALUES = ("checkpoint", "invitation_other_address")


def values_of_older_notices(apps, schema_editor):
    """Older notices kept their words, in the language they were written in. Those whose words
    can be said again from their kind get the values to say them in the reader's language of
    the moment: every kind that always says the same, the check-in by its title, the notice of
    an invitation opened from another address by the page it opens. The rest keep their words
    (no values)."""
    Notification = apps.get_model("couplespace", "Notification")
    Notification.objects.exclude(kind__in=WORDS_BY_VALUES).update(values={})
    for title, part in CHECK_IN_TITLES.items():
        Notification.objects.filter(kind="checkpoint", title=title).update(
            values={"part_of_day": part}
        )
    other_address = Notification.objects.filter(kind="invitation_other_address")
    other_address.filter(url__startswith="/therapist").update(values={"invited": "client"})
    other_address.filter(url="/space/").update(values={"invited": "partner"})


class Migration(migrations.Migration):

    dependencies = [
        ('couplespace', '0013_access_visits'),
    ]

    operations = [
        migrations.AddField(
            model_name='notification',
            name='values',
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='notification',
            name='title',
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.RunPython(values_of_older_notices, migrations.RunPython.noop),
    ]
