"""Rotate the keys that protect what people write.

The usual rotation, after putting a new key first in ENCRYPTION_KEYS:

    manage.py rotate_encryption_keys

re-wraps every person's data key with the new key; then the old one can leave ENCRYPTION_KEYS.
`--data-keys` also gives every person a new data key and re-encrypts their words with it; the
data keys it replaces are deleted by the next `--data-keys` run.
Either way, text stored before its column was encrypted is encrypted too.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from couplespace import encryption
from couplespace.models import PersonKey


class Command(BaseCommand):
    help = "Re-wrap every person's key with the first of ENCRYPTION_KEYS; optionally renew them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-key", action="store_true", help="Print a new key for ENCRYPTION_KEYS and stop."
        )
        parser.add_argument(
            "--data-keys",
            action="store_true",
            help="Also give every person a new data key and re-encrypt their words with it.",
        )

    def handle(self, *args, new_key=False, data_keys=False, **options):
        if new_key:
            self.stdout.write(encryption.new_wrapping_key())
            return
        with transaction.atomic():
            keys = list(PersonKey.objects.select_for_update())
            for key in keys:
                key.wrapped = encryption.rewrap(key.wrapped)
            PersonKey.objects.bulk_update(keys, ["wrapped"], batch_size=500)
        self.stdout.write(
            f"Re-wrapped {len(keys)} person keys with the first of "
            f"{len(settings.ENCRYPTION_KEYS)} key(s) in ENCRYPTION_KEYS."
        )
        for model, _fields in encryption.encrypted_fields():
            sealed, left = encryption.seal_plain_text(model)
            if sealed:
                self.stdout.write(f"{model._meta.label}: encrypted {sealed} older plain rows.")
            if left:
                self.stdout.write(
                    f"{model._meta.label}: {left} older plain rows have no owner left to "
                    "encrypt for and stay as they were."
                )
        if data_keys:
            with transaction.atomic():
                renewed, deleted = encryption.renew_data_keys()
            self.stdout.write(
                f"Re-encrypted {renewed} values with new data keys; deleted {deleted} old keys."
            )
        self.stdout.write(self.style.SUCCESS("Done."))
