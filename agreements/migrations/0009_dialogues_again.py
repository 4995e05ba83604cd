"""A couple may hold many needs dialogues, one open at a time: a finished one is closed."""

from django.db import migrations, models
from django.db.models import Max


def close_finished(apps, schema_editor):
    """A dialogue both turns of which were confirmed is over: closed when it was confirmed."""
    Dialogue = apps.get_model("agreements", "Dialogue")
    Reply = apps.get_model("agreements", "Reply")
    confirmed = Reply.objects.filter(kind="confirmed").values("dialogue")
    for dialogue in Dialogue.objects.filter(pk__in=confirmed):
        turns = Reply.objects.filter(dialogue=dialogue, kind="confirmed")
        if turns.values("turn").distinct().count() >= 2:
            dialogue.closed_at = turns.aggregate(last=Max("written_at"))["last"]
            dialogue.save(update_fields=["closed_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0008_share_commitments"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="dialogue",
            options={
                "ordering": ["-created_at", "-pk"],
                "verbose_name": "needs dialogue",
                "verbose_name_plural": "needs dialogues",
            },
        ),
        migrations.RemoveConstraint(
            model_name="dialogue",
            name="one_dialogue_per_couple",
        ),
        migrations.AddField(
            model_name="dialogue",
            name="closed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(close_finished, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="dialogue",
            constraint=models.UniqueConstraint(
                condition=models.Q(("closed_at__isnull", True)),
                fields=("couple",),
                name="one_open_dialogue_per_couple",
            ),
        ),
    ]
