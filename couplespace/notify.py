"""The one way CoupleSpace tells a person something: an in-app notification, then a push to
each of their devices and an email.

A person's choices are applied here and nowhere else: a kind switched off or snoozed sends
nothing; quiet hours keep it in the app only; email off for the kind sends no email (the pushes
go on: a device's push is turned off by removing the device). A push says only that there is
a reminder, the same words for every kind (`push.payload`). Every email carries a link (an
opaque token that expires, `UnsubscribeLink`) whose page turns that kind's email off, and the
List-Unsubscribe headers for mail clients' one-click POST (RFC 8058).

Two steps. `notify` writes the in-app notification in the caller's transaction and decides
what else is due: the pushes, built with the notification (plain data), and the email;
`send_after_commit` sends the email once the transaction committed, and the caller sends the
pushes then too (see `reminders.deliver`, and `reminders.notify_now` for an action's instant
notice), so a push service or mail server that accepted a message is never followed by a
rollback that would send it again.
"""

import email.policy
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from couplespace import push
from couplespace.models import (
    Delivery,
    Notification,
    NotificationPreference,
    NotificationSettings,
    UnsubscribeLink,
    User,
)
from couplespace.notices import Message
from couplespace.wallclock import local_in_window


def preference_for(person: User, kind: str) -> NotificationPreference:
    """The person's choice for a kind; a kind they never touched is on, by email too."""
    return NotificationPreference.objects.filter(person=person, kind=kind).first() or (
        NotificationPreference(person=person, kind=kind)
    )


def in_quiet_hours(person: User, now: datetime) -> bool:
    quiet = NotificationSettings.objects.filter(person=person).first()
    if quiet is None:
        return False
    moment = person.local_time(now).time()
    return local_in_window(moment, quiet.quiet_from, quiet.quiet_until)


@dataclass(frozen=True)
class Outcome:
    """What `notify` did: a `Delivery.Status` (SENDING when the email is still to send, by
    `send_after_commit`) and the pushes to send after the commit (only with a newly written
    in-app notification: a retry of an unconfirmed email pushes nothing again)."""

    status: str
    pushes: tuple[push.Push, ...] = ()


def notify(
    person: User,
    kind: str,
    message: Message,
    *,
    delivery: Delivery | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Tell `person` about `message` as their choices allow.

    The in-app notification is written now, once per delivery: a retry of a delivery whose
    email failed finds it already there. The pushes are built, not sent; an email due is left
    to `send_after_commit` (status SENDING).
    """
    now = now or timezone.now()
    preference = preference_for(person, kind)
    if not preference.enabled or preference.is_snoozed(now):
        return Outcome(Delivery.Status.OFF)
    with translation.override(person.language):
        first_time = not _already_notified(delivery)
        if first_time:
            Notification.objects.create(
                person=person,
                kind=kind,
                values=message.values,
                url=message.url,
                delivery=delivery,
                created_at=now,
            )
        if in_quiet_hours(person, now):
            return Outcome(Delivery.Status.IN_APP)
        pushes = ()
        if first_time:
            tag = f"delivery-{delivery.pk}" if delivery else kind
            pushes = tuple(push.pushes_for(person, url=message.url, tag=tag))
    if not preference.by_email:
        return Outcome(Delivery.Status.IN_APP, pushes)
    return Outcome(Delivery.Status.SENDING, pushes)


def send_after_commit(person: User, kind: str, *, delivery: Delivery) -> None:
    """The sending step, after the in-app notification committed: the email `notify` decided
    on, with the delivery's Message-ID, so that every try of it is the same message. It says
    nothing of the kind (see `build_email`)."""
    with translation.override(person.language):
        build_email(person, kind, message_id=message_id(delivery)).send()


def _already_notified(delivery: Delivery | None) -> bool:
    """Only a delivery tried before can have its notification already (one query, then)."""
    return bool(delivery and delivery.attempts) and (
        Notification.objects.filter(delivery=delivery).exists()
    )


def message_id(delivery: Delivery | None) -> str | None:
    """The same Message-ID on every try of a delivery, so mail clients fold a repeat into one."""
    if delivery is None:
        return None
    return f"<reminder-{delivery.pk}@{urlsplit(settings.SITE_URL).hostname or 'localhost'}>"


class ReminderEmail(EmailMessage):
    """Keeps the List-Unsubscribe link on one line (RFC 5322 allows 998 characters).

    The default 78-character folding would turn a long link into encoded words, which mail
    clients cannot follow.
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def build_email(person: User, kind: str, *, message_id: str | None = None) -> EmailMessage:
    """The email of a reminder, the same for every kind: a partner may see the inbox or the
    lock screen, which show the subject and the body's first line, and a link names its page
    ("A step from your therapist is due soon" says too much). It says that something is
    waiting and links to the notifications, where the reminder's words are read once signed
    in. Only its unsubscribe link is the kind's (an opaque token)."""
    unsubscribe_url = settings.SITE_URL + reverse(
        "unsubscribe", args=[UnsubscribeLink.issue(person, kind)]
    )
    context = {
        "person": person,
        "notifications_url": settings.SITE_URL + reverse("notifications"),
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": settings.SITE_URL + reverse("notification_preferences"),
    }
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    if message_id:
        headers["Message-ID"] = message_id
    return ReminderEmail(
        subject=_("A reminder from CoupleSpace"),
        body=render_to_string("emails/reminder_body.txt", context),
        to=[person.email],
        headers=headers,
    )
