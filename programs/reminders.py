"""The checkpoint reminder kind, registered with the core's engine when the app is ready."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from couplespace.notify import Message
from couplespace.reminders import ReminderKind
from couplespace.schedule import next_daily


def checkpoint_message(local: datetime, topic: str) -> Message:
    """Generic words only: a partner may see the lock screen or the inbox."""
    if local.hour < 12:
        title = _("Time for your morning check-in")
    elif local.hour < 17:
        title = _("Time for your midday check-in")
    else:
        title = _("Time for your evening check-in")
    body = _(
        "Take a minute to note how secure you feel right now. It stays private unless you share it."
    )
    return Message(title=title, body=body, url=reverse("programs:checkpoint"))


CHECKPOINT = ReminderKind(
    name="checkpoint",
    label=_("Check-in reminders"),
    next_slot=next_daily,
    message=checkpoint_message,
    stale_after=timedelta(hours=1),
)
