"""Joining a couple is the invitee's choice: they say yes to sharing a space with the person
who invited them, may answer the private safety question on the way, and the inviter is told."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from couplespace.models import Couple, Invitation, SafetyAnswer, User
from couplespace.reminders import ReminderKind, Words
from couplespace.tasks import notify_now
from couplespace.wallclock import next_once

PARTNER_JOINED_REMINDER = ReminderKind(
    name="partner_joined",
    label=_("Your invitation accepted"),
    next_slot=next_once,
    message=Words(
        _("Your invitation was accepted"),
        _("You now share a space. Open CoupleSpace to see it."),
        page="workspace",
    ),
    stale_after=timedelta(days=2),
)


@transaction.atomic
def join(*, invitation: Invitation, person: User, feels_afraid: bool | None) -> Couple:
    """`person` accepts `invitation`: the couple forms; their answer to the safety question,
    if they gave one, is kept for them alone; the inviter is told in the app (and by email
    if they allow it), whatever the answer was."""
    couple = invitation.accept(person)
    if feels_afraid is not None:
        SafetyAnswer.objects.create(
            person=person, couple=couple, feels_afraid=feels_afraid, answered_at=timezone.now()
        )
    notify_now(person=invitation.inviter, kind=PARTNER_JOINED_REMINDER, topic=f"couple:{couple.pk}")
    return couple
