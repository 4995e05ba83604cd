from django.db import migrations, models

# The keys steps had before any day or guide section could be assigned, and the keys of the
# same steps now. The program was the only one then.
OLD_KEYS = {
    "program": "program:security-and-sexuality",
    "check-ins": "program:security-and-sexuality:check-ins",
}


def new_keys(apps, schema_editor):
    Assignment = apps.get_model("couplespace", "Assignment")
    for old, new in OLD_KEYS.items():
        Assignment.objects.filter(step=old).update(step=new)


def old_keys(apps, schema_editor):
    Assignment = apps.get_model("couplespace", "Assignment")
    for old, new in OLD_KEYS.items():
        Assignment.objects.filter(step=new).update(step=old)


class Migration(migrations.Migration):
    dependencies = [
        ("couplespace", "0015_encrypt_safety_answer"),
    ]

    operations = [
        migrations.AlterField(
            model_name="assignment",
            name="step",
            field=models.CharField(max_length=120, verbose_name="what to do"),
        ),
        migrations.AddField(
            model_name="assignment",
            name="done_how",
            field=models.CharField(
                blank=True,
                choices=[("step", "did the step"), ("marked", "marked it done")],
                max_length=6,
            ),
        ),
        migrations.RunPython(new_keys, old_keys),
    ]
