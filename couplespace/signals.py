"""Signals the core sends so that features can react without the core importing them."""

from django.dispatch import Signal

# Sent when a couple ends, with `couple` and `members` (both former partners).
couple_ended = Signal()

# Sent inside the transaction that deletes an account, with `person`, after their couple has
# ended and before their rows and encryption keys go: the moment to hand over anything the
# partner keeps (an agreement's text is re-encrypted for the partner).
account_deleting = Signal()
