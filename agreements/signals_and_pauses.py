"""Signals and pauses: using the agreement in the moment.

The partner hears of a signal, its answer, a pause and a return at once: the in-app notice is
written with the action, the email is sent by the worker once it committed
(`couplespace.tasks.notify_now`). The end of a pause is a one-off reminder at its instant. Each
is a delivery keyed by the signal or pause, so it is sent once even if a dispatcher runs twice,
and caught up if a worker dies.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Pause, Signal
from agreements.reminders import (
    PAUSE_END_REMINDER,
    PAUSE_ENDED,
    PAUSE_STARTED,
    SIGNAL_ANSWERED,
    SIGNAL_REMINDER,
)
from agreements.versions import AgreementError
from couplespace.reminders import schedule_reminder
from couplespace.tasks import notify_now
from couplespace.wallclock import once_at


def others(agreement: Agreement, person):
    return [party for party in agreement.parties.all() if party.pk != person.pk]


def usable(agreement: Agreement) -> None:
    if agreement.is_archived:
        raise AgreementError(_("This agreement is archived and can no longer change."))
    if agreement.active_version is None:
        raise AgreementError(_("Signals and pauses work once you have both accepted a version."))


@transaction.atomic
def send_signal(*, agreement: Agreement, sender) -> Signal:
    usable(agreement)
    signal = Signal.objects.create(agreement=agreement, sender=sender)
    for partner in others(agreement, sender):
        notify_now(person=partner, kind=SIGNAL_REMINDER, topic=signal.reminder_topic)
    return signal


@transaction.atomic
def answer_signal(*, signal: Signal, person) -> None:
    """ "I'm here": the first answer counts; the time it took is kept for the practice log."""
    if person.pk == signal.sender_id:
        raise AgreementError(_("Your partner answers your signal, not you."))
    first = Signal.objects.filter(pk=signal.pk, answered_at__isnull=True).update(
        answered_at=timezone.now()
    )
    if first:
        notify_now(person=signal.sender, kind=SIGNAL_ANSWERED, topic=signal.reminder_topic)


@transaction.atomic
def start_pause(*, agreement: Agreement, person, minutes: int) -> Pause:
    usable(agreement)
    limit = agreement.pause_limit_minutes()
    if not 1 <= minutes <= limit:
        raise AgreementError(
            _("Your agreement allows a pause of at most %(limit)s minutes. Then you return.")
            % {"limit": limit}
        )
    now = timezone.now()
    if any(pause.is_running(now) for pause in agreement.pauses.all()):
        raise AgreementError(_("A pause is already running. You will both be nudged when it ends."))
    pause = Pause.objects.create(
        agreement=agreement,
        asked_by=person,
        started_at=now,
        ends_at=now + timedelta(minutes=minutes),
    )
    for party in agreement.parties.all():
        schedule_reminder(
            person=party,
            kind=PAUSE_END_REMINDER,
            rule=once_at(pause.ends_at),
            topic=pause.reminder_topic,
            now=now,
        )
        if party.pk != person.pk:
            notify_now(person=party, kind=PAUSE_STARTED, topic=pause.reminder_topic)
    return pause


@transaction.atomic
def come_back(*, pause: Pause, person) -> None:
    """Either partner logs the return; an early return cancels the end-of-pause nudge."""
    if pause.returned_at:
        return
    pause.returned_at = timezone.now()
    pause.save(update_fields=["returned_at"])
    for party in pause.agreement.parties.all():
        if pause.returned_at < pause.ends_at:
            schedule_reminder(
                person=party, kind=PAUSE_END_REMINDER, rule=None, topic=pause.reminder_topic
            )
        if party.pk != person.pk:
            notify_now(person=party, kind=PAUSE_ENDED, topic=pause.reminder_topic)
