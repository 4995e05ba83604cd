"""Changing an agreement: freeze a new version, or accept one, in a single locked transaction.

Each edit names the version it started from. If someone else saved in between, the edit is
not applied: the editor is shown what changed and decides. Nobody's words are ever lost.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from agreements.diff import ClauseText, diff_clauses, has_changes
from agreements.models import Acceptance, Agreement, Clause, Version
from agreements.reminders import AGREEMENT_REVIEW_REMINDER, VERSION_PROPOSED
from couplespace.encryption import hand_over
from couplespace.reminders import schedule_reminder
from couplespace.tasks import notify_now
from couplespace.wallclock import monthly_on


class AgreementError(Exception):
    """Why a change to an agreement was not made, in words for the person."""


class EditConflict(AgreementError):
    def __init__(self, latest: Version):
        super().__init__(_("Your partner saved a new version while you were editing."))
        self.latest = latest


class VersionChanged(AgreementError):
    def __init__(self, latest: Version | None):
        super().__init__(
            _("This version has since been changed. Read the newest one before accepting.")
        )
        self.latest = latest


def locked(agreement: Agreement) -> Agreement:
    current = Agreement.objects.locked(agreement.pk)
    if current.is_archived:
        raise AgreementError(_("This agreement is archived and can no longer change."))
    return current


@transaction.atomic
def propose_version(
    *, agreement: Agreement, author, base_number: int, clauses: list[ClauseText], note: str = ""
) -> Version:
    """Freeze `clauses` as the next version; proposing it counts as its author's acceptance."""
    current = locked(agreement)
    latest = current.latest_version
    latest_number = latest.number if latest else 0
    if base_number != latest_number:
        raise EditConflict(latest)
    if not clauses:
        raise AgreementError(_("An agreement needs at least one clause."))
    if latest and not has_changes(diff_clauses(latest.clause_texts(), clauses)):
        raise AgreementError(_("Nothing has changed since the last version."))
    version = Version.objects.create(
        agreement=current, number=latest_number + 1, created_by=author, note=note
    )
    Clause.objects.bulk_create(
        Clause(
            version=version,
            position=position,
            key=clause.key,
            kind=clause.kind,
            text=clause.text,
            minutes=clause.minutes if clause.kind == "pause_rule" else None,
        )
        for position, clause in enumerate(clauses)
    )
    Acceptance.objects.create(version=version, person=author)
    for party in current.parties.all():
        if party.pk != author.pk:
            notify_now(person=party, kind=VERSION_PROPOSED, topic=current.reminder_topic)
    return version


@transaction.atomic
def accept_version(*, agreement: Agreement, person, number: int) -> bool:
    """Accept version `number`, which must still be the newest. True if it became active."""
    current = locked(agreement)
    latest = current.latest_version
    if latest is None or latest.number != number:
        raise VersionChanged(latest)
    Acceptance.objects.get_or_create(version=latest, person=person)
    parties = set(current.parties.values_list("pk", flat=True))
    if parties <= set(latest.acceptances.values_list("person_id", flat=True)):
        current.activate(latest)
        plan_monthly_review(current)
        return True
    return False


def plan_monthly_review(agreement: Agreement) -> None:
    """From activation on, both are reminded each month, on the day it became active."""
    for party in agreement.parties.all():
        activated = party.local_time(agreement.activated_at)
        schedule_reminder(
            person=party,
            kind=AGREEMENT_REVIEW_REMINDER,
            rule=monthly_on(activated),
            topic=agreement.reminder_topic,
        )


def keep_readable_for_partner(person) -> None:
    """Before an account's keys are destroyed, re-encrypt the versions that person wrote for the
    other party, who keeps the agreement as a read-only copy."""
    agreements = Agreement.objects.visible_to(person).prefetch_related("parties")
    for agreement in agreements:
        heir = next((party for party in agreement.parties.all() if party.pk != person.pk), None)
        if heir is None:
            continue
        versions = list(agreement.versions.filter(created_by=person).prefetch_related("clauses"))
        hand_over(versions, ["note"], heir.pk)
        hand_over(
            [clause for version in versions for clause in version.clauses.all()], ["text"], heir.pk
        )
