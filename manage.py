#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    if sys.argv[1:] == ["rotate_encryption_keys", "--new-key"]:
        # A new key for ENCRYPTION_KEYS needs no settings, so it is made before they load: it
        # is asked for while there is no environment yet to load them from.
        from couplespace.encryption import new_wrapping_key

        print(new_wrapping_key())
        sys.exit()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "couplespace.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
