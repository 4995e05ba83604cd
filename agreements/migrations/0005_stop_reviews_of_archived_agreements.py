"""Turn off the monthly review of agreements whose couple had already ended.

Ending a couple now turns the review off for both former partners (couple_ended, see
agreements.versions); this covers couples who ended before, whose former partners were still
reminded each month.
"""

from django.db import migrations
from django.db.models import Q

CHUNK = 500


def stop_reviews_of_archived_agreements(apps, schema_editor):
    Agreement = apps.get_model("agreements", "Agreement")
    Reminder = apps.get_model("couplespace", "Reminder")
    archived = Agreement.objects.filter(Q(couple__isnull=True) | Q(couple__ended_at__isnull=False))
    topics = [f"agreement:{pk}" for pk in archived.values_list("pk", flat=True)]
    for start in range(0, len(topics), CHUNK):
        Reminder.objects.filter(
            kind="agreement_review", topic__in=topics[start : start + CHUNK]
        ).update(rule={}, next_due_at=None, next_slot="")


class Migration(migrations.Migration):
    dependencies = [
        ("couplespace", "0006_person_keys_and_encrypted_notes"),
        ("agreements", "0004_encrypt_free_text"),
    ]

    operations = [
        migrations.RunPython(stop_reviews_of_archived_agreements, migrations.RunPython.noop)
    ]
