"""Therapists and the clients who chose what they may see.

Features declare what a client can share through their hook `therapist_share_kinds()`: a
list of `ShareKind` (couplespace/features.py). The one gate for a therapist reading a
client's data is `open_client_data`: it answers 404 unless the therapist is verified, works
with the client now, and the client shares that kind; and it records every opening in the
client's access log. The short lines about each client on the therapist's own pages come
through `open_overviews`, which logs them the same way.
"""

from datetime import datetime, time, timedelta

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from couplespace.features import ShareKind, Step, registered
from couplespace.models import AccessRecord, Care
from couplespace.reminders import ReminderKind, Words, schedule_reminder
from couplespace.wallclock import next_once, once_at, to_utc


def share_kinds() -> list[ShareKind]:
    return [kind for feature in registered() for kind in feature.therapist_share_kinds()]


def share_kind(key: str) -> ShareKind | None:
    return next((kind for kind in share_kinds() if kind.key == key), None)


def is_verified_therapist(person) -> bool:
    profile = getattr(person, "therapist_profile", None)
    return bool(profile and profile.is_verified)


def care_given_by(therapist, care_id) -> Care:
    """A client the therapist works with now, for the therapist's own pages (no client data)."""
    if not is_verified_therapist(therapist):
        raise Http404
    return get_object_or_404(
        Care.objects.current().select_related("client").prefetch_related("consents"),
        pk=care_id,
        therapist=therapist,
    )


def open_client_data(therapist, care_id, kind: str) -> Care:
    """The gate to a client's data of `kind`, checked afresh on every request, and logged."""
    care = care_given_by(therapist, care_id)
    if kind not in care.shared_kinds():
        raise Http404
    AccessRecord.log([(care, kind)], AccessRecord.Page.SHARED)
    return care


def assignable_steps() -> list[Step]:
    return [step for feature in registered() for step in feature.assignable_steps()]


def step_for(key: str) -> Step | None:
    return next((step for step in assignable_steps() if step.key == key), None)


def open_overviews(cares: list[Care], page: str) -> dict[int, list[str]]:
    """What the therapist's `page` (an AccessRecord.Page) may say about each client (by care),
    only from what they share; like `open_client_data`, each kind read for the lines shown goes
    in the client's access log.

    Each feature answers for all clients at once and the log is written in one go, so the
    page's queries do not grow with the clients.
    """
    kinds_by_client = {care.client: care.shared_kinds() for care in cares}
    care_of = {care.client_id: care for care in cares}
    lines: dict[int, list[str]] = {care.client_id: [] for care in cares}
    opened = []
    for feature in registered():
        for client_id, overview in feature.therapist_overview(kinds_by_client).items():
            care = care_of[client_id]
            if not overview.lines or overview.kind not in kinds_by_client[care.client]:
                continue
            lines[client_id].extend(overview.lines)
            opened.append((care, overview.kind))
    if opened:
        AccessRecord.log(opened, page)
    return {care.pk: lines[care.client_id] for care in cares}


def plan_assignment_reminder(assignment) -> None:
    """The client hears about it the evening before it is due (or at once, if that has passed)."""
    client = assignment.care.client
    evening_before = datetime.combine(assignment.due_date - timedelta(days=1), time(18))
    rule = once_at(max(to_utc(evening_before, client.zone), timezone.now()))
    schedule_reminder(
        person=client,
        kind=ASSIGNMENT_DUE_REMINDER,
        rule=rule,
        topic=assignment_topic(assignment.pk),
    )


def stop_reminders_of_ended_care(sender, care, **kwargs) -> None:
    """The receiver of `care_ended`: the client hears no more of the steps not yet done."""
    if care.client_id is not None:
        open_steps = care.assignments.filter(done_at__isnull=True).values_list("pk", flat=True)
        stop_assignment_reminders(care.client, open_steps)


def stop_assignment_reminders(client, assignment_ids) -> None:
    """The client hears no more about these steps: done, or the work together has ended."""
    for assignment_id in assignment_ids:
        schedule_reminder(
            person=client,
            kind=ASSIGNMENT_DUE_REMINDER,
            rule=None,
            topic=assignment_topic(assignment_id),
        )


def assignment_topic(assignment_id: int) -> str:
    return f"assignment:{assignment_id}"


ASSIGNMENT_DUE_REMINDER = ReminderKind(
    name="assignment_due",  # also in migration 0007, which stops it for ended care
    label=_("Steps from your therapist"),
    next_slot=next_once,
    message=Words(
        _("A step from your therapist is due soon"),
        _("Open CoupleSpace to see what your therapist suggested, and mark it done."),
        page="workspace",
    ),
    stale_after=timedelta(hours=12),
)
