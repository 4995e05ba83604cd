from datetime import UTC, datetime
from smtplib import SMTPRecipientsRefused

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, send_mail
from django.db import OperationalError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from couplespace import erasure, reminders
from couplespace.models import Care, Invitation


@shared_task
def send_invitation_email(invitation_id: int) -> None:
    """Email the invitation link, in the inviter's language. Nothing private is in it."""
    invitation = Invitation.objects.select_related("inviter").filter(pk=invitation_id).first()
    if invitation is None or not invitation.email:
        return
    with translation.override(invitation.inviter.language):
        context = {"invitation": invitation, "site_url": settings.SITE_URL}
        subject = render_to_string("emails/invitation_subject.txt", context).strip()
        body = render_to_string("emails/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])


@shared_task
def send_care_invitation_email(care_id: int) -> None:
    """Email a therapist's invitation. It names the therapist, nothing about the client."""
    care = Care.objects.select_related("therapist__therapist_profile").filter(pk=care_id).first()
    if care is None:
        return
    with translation.override(care.therapist.language):
        context = {"care": care, "url": f"{settings.SITE_URL}/care/{care.token}/"}
        subject = render_to_string("emails/care_invitation_subject.txt", context).strip()
        body = render_to_string("emails/care_invitation_body.txt", context)
    send_mail(subject, body, None, [care.email])


@shared_task(
    autoretry_for=(OSError,),  # smtplib's errors, a refused connection, a timeout
    dont_autoretry_for=(SMTPRecipientsRefused,),  # the address itself was refused
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=20,
)
def send_account_mail(message: dict) -> None:
    """Send an account email (a sign-up code, a password reset link) the request rendered (see
    AccountAdapter.send_mail). While SMTP is down it is tried again after growing, jittered
    pauses of up to five minutes: 20 more times, over half an hour to an hour."""
    EmailMessage(**message).send()


@shared_task(
    autoretry_for=(OperationalError,),  # a table stayed locked longer than erasure.LOCK_TIMEOUT
    retry_backoff=True,
    max_retries=10,
)
def erase_deleted_rows() -> None:
    erasure.erase_deleted_rows()


def erase_after_account_deleted(sender, person, **kwargs) -> None:
    """The receiver of `account_deleting`: once the deletion commits, the worker removes what
    it left in the database's files (couplespace/erasure.py)."""
    erase_deleted_rows.delay_on_commit()


# When the dispatcher last finished a run, in the cache every process shares (Redis in
# production): beat's health check (`manage.py dispatch_health`) reads it.
DISPATCHED_AT = "reminders:dispatched-at"


@shared_task
def dispatch_reminders() -> None:
    """Beat runs this every 30 seconds: claim what is due, and catch up on what was lost."""
    reminders.dispatch_due(enqueue=send_reminders.delay)
    reminders.retry_pending(enqueue=send_reminders.delay)
    cache.set(DISPATCHED_AT, timezone.now().timestamp(), timeout=None)


def last_dispatch() -> datetime | None:
    """When the dispatcher last finished a run; None if it never did (or the cache forgot)."""
    stamp = cache.get(DISPATCHED_AT)
    return datetime.fromtimestamp(stamp, tz=UTC) if stamp is not None else None


@shared_task
def send_reminders(delivery_ids: list[int]) -> None:
    reminders.deliver_all(delivery_ids)


@shared_task
def send_delivery(delivery_id: int, pushes: list | None = None) -> None:
    """The sending step of an instant notice, once the action that wrote it committed."""
    reminders.send_delivery(delivery_id, pushes)


def notify_now(
    *, person, kind: reminders.ReminderKind, topic: str, values: dict | None = None
) -> None:
    """Tell a person at once, in the caller's transaction; this worker sends the email once it
    committed: the pushes, then the email (see `reminders.notify_now`)."""
    reminders.notify_now(
        person=person, kind=kind, topic=topic, enqueue=send_delivery.delay, values=values
    )
