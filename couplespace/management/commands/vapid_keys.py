"""Print a new VAPID key pair for Web Push, as the two lines to put in the environment.

Changing the pair later turns every device's push off (their subscriptions were made for the
old public key): people add their devices again.
"""

import base64
import os

from django.core.management.base import BaseCommand

from couplespace.settings import vapid_public_key_of


class Command(BaseCommand):
    help = "Print a new VAPID_PRIVATE_KEY and VAPID_PUBLIC_KEY for Web Push."

    def handle(self, *args, **options):
        private = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
        self.stdout.write(f"VAPID_PRIVATE_KEY={private}")
        self.stdout.write(f"VAPID_PUBLIC_KEY={vapid_public_key_of(private)}")
