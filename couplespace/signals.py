"""Signals the core sends so that features can react without the core importing them."""

from django.dispatch import Signal

# Sent when a couple ends, with `couple` and `members` (both former partners).
couple_ended = Signal()
