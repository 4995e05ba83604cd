"""Signals the core's models send, so that what reacts to them (each feature, and the core's own
workflows) is not imported by the models."""

from django.dispatch import Signal

# Sent when a couple ends, with `couple` and `members` (both former partners).
couple_ended = Signal()

# Sent inside the transaction that ends a therapist's work with a client, with `care`: the
# client's reminders of the therapist's steps stop (couplespace/therapy.py).
care_ended = Signal()

# Sent inside the transaction that deletes an account, with `person`, after their couple has
# ended and before their rows and encryption keys go: the moment to hand over anything the
# partner keeps (an agreement's text is re-encrypted for the partner).
account_deleting = Signal()
