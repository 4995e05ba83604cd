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
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from couplespace import guides
from couplespace.features import ShareKind, Step, StepGroup, registered
from couplespace.models import AccessRecord, Assignment, Care
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


# Assignments. A step is named by a stable key: the features' own ("test",
# "program:<slug>:day:12", ...) and the core's guide sections, "guide:<slug>#<anchor>". A step
# is done when the client does it: each feature says so through `done_since`, read whenever an
# assignment is shown. Reading a guide leaves no trace, so a guide section counts as done when
# the client opens it through the assignment's own button (`therapist_views.assignment_read`).

GUIDE_KEY_PREFIX = "guide:"


def guide_key(slug: str, anchor: str) -> str:
    return f"{GUIDE_KEY_PREFIX}{slug}#{anchor}"


def is_guide_key(key: str) -> bool:
    return key.startswith(GUIDE_KEY_PREFIX)


def guide_steps() -> list[StepGroup]:
    """Every section of every guide, one group per guide, subsections under their section."""
    groups = []
    for guide in guides.published().values():
        steps = []
        for section in guide.sections:
            steps.append(_guide_step(guide.slug, section.anchor, str(section.title)))
            for sub in section.subsections:
                label = f"{section.title} › {sub.title}"
                steps.append(_guide_step(guide.slug, sub.anchor, label))
        groups.append(StepGroup(gettext("Guide: %(title)s") % {"title": guide.title}, steps))
    return groups


def _guide_step(slug: str, anchor: str, label: str) -> Step:
    return Step(guide_key(slug, anchor), label, guides.section_url(slug, anchor))


def step_groups() -> list[StepGroup]:
    """What a therapist can assign, as the picker groups it: each feature's, then the guides."""
    return [
        *(group for feature in registered() for group in feature.assignable_steps()),
        *guide_steps(),
    ]


def steps_by_key() -> dict[str, Step]:
    return {step.key: step for group in step_groups() for step in group.steps}


def step_for(key: str) -> Step | None:
    return steps_by_key().get(key)


def done_since(person, keys: list[str], since: datetime) -> dict[str, datetime]:
    """Which of the keys the person has done since `since`, and when first, by every feature."""
    found: dict[str, datetime] = {}
    for feature in registered():
        for key, at in feature.done_since(person, keys, since).items():
            if key in keys:
                found[key] = min(at, found.get(key, at))
    return found


def settle(assignments) -> None:
    """Mark done each open assignment whose step its client has done since it was given, and
    stop its reminder. Each client's features are asked once, from the oldest open assignment
    on, so the queries do not grow with the steps; a step that client did only before its own
    assignment was given (and after an older one) is asked again on its own. Assignments come
    with `care__client`; an ended care is left as it is."""
    by_client: dict[int, list[Assignment]] = {}
    for assignment in assignments:
        care = assignment.care
        if not (assignment.done_at or care.client_id is None or care.ended_at):
            by_client.setdefault(care.client_id, []).append(assignment)
    for waiting in by_client.values():
        client = waiting[0].care.client
        since = min(assignment.created_at for assignment in waiting)
        found = done_since(client, sorted({assignment.step for assignment in waiting}), since)
        for assignment in waiting:
            at = found.get(assignment.step)
            if at is not None and at < assignment.created_at:
                at = done_since(client, [assignment.step], assignment.created_at).get(
                    assignment.step
                )
            if at is not None and assignment.mark_done(at, Assignment.DoneHow.STEP):
                stop_assignment_reminders(client, [assignment.pk])


def label_steps(assignments):
    """Give each assignment the `label` and `url` of its step, in the reader's language (its
    key, and no page, for a step no longer offered)."""
    assignments = list(assignments)
    known = steps_by_key() if assignments else {}
    for assignment in assignments:
        step = known.get(assignment.step)
        assignment.label = step.label if step else assignment.step
        assignment.url = step.url if step else None
        assignment.is_reading = is_guide_key(assignment.step)
    return assignments


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
