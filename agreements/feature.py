"""What the agreement offers the core (see couplespace/features.py for the contract)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import assigning, demo, reminders, today
from agreements.dialogue import latest_dialogue
from agreements.models import (
    Acceptance,
    Agreement,
    Clause,
    Commitment,
    Dialogue,
    Need,
    Pause,
    Reply,
    Signal,
    Version,
)
from agreements.versions import keep_readable_for_partner
from couplespace.features import PrivacyLine, ShareKind
from couplespace.models import Reminder
from couplespace.privacy import partner_sees
from couplespace.reminders import stop_reminders
from programs import practice_events
from programs.practice_events import PracticeEvent


class AgreementsFeature:
    def today(self, person):
        return today.part(person)

    def populate_demo(self, people):
        demo.populate(people)

    def program_hints(self, person):
        return {}

    def export_data(self, person):
        return {
            "commitments_to_myself": list(
                Commitment.objects.visible_to(person)
                .filter(person=person)
                .values("text", "created_at", "updated_at", "shared_with_partner")
            ),
            "agreement_versions_i_proposed": list(
                Version.objects.filter(created_by=person)
                .order_by("agreement", "number")
                .values("agreement", "number", "created_at", "note")
            ),
            "agreement_clauses_i_wrote": list(
                Clause.objects.filter(version__created_by=person).values(
                    "version__agreement", "version__number", "kind", "text", "minutes"
                )
            ),
            "agreement_versions_i_accepted": list(
                Acceptance.objects.filter(person=person).values(
                    "version__agreement", "version__number", "accepted_at"
                )
            ),
            "dialogue_needs_i_prepared": list(
                Need.objects.filter(person=person).values(
                    "dialogue", "position", "afraid_of", "need", "written_at"
                )
            ),
            "dialogue_replies_i_wrote": list(
                Reply.objects.filter(person=person).values(
                    "dialogue", "turn", "kind", "text", "written_at"
                )
            ),
            "signals_i_sent": list(
                Signal.objects.filter(sender=person)
                .order_by("sent_at", "pk")
                .values("agreement", "sent_at", "answered_at")
            ),
            "pauses_i_took": list(
                Pause.objects.filter(asked_by=person)
                .order_by("started_at", "pk")
                .values("agreement", "started_at", "ends_at", "returned_at", "return_note")
            ),
        }

    def therapist_share_kinds(self):
        return [
            ShareKind(
                "agreement",
                gettext_lazy("Security agreement"),
                "agreements:for_therapist",
                gettext_lazy(
                    "The active version of your security agreement, the one you and your "
                    "partner both accepted."
                ),
            ),
            ShareKind(
                "dialogue",
                gettext_lazy("Needs dialogue"),
                "agreements:dialogue_for_therapist",
                gettext_lazy(
                    "Your own words in each needs dialogue, once they were shown to your "
                    "partner; never your partner’s words."
                ),
            ),
        ]

    def therapist_overview(self, kinds_by_client):
        return {}  # a therapist reads the agreement and dialogue on their own pages

    def assignable_steps(self):
        return assigning.step_groups()

    def done_since(self, person, keys, since):
        return assigning.done_since(person, keys, since)

    def privacy_summary(self, person):
        lines = []
        if Agreement.objects.visible_to(person).exists():
            lines.append(
                PrivacyLine(
                    _("Security agreement"),
                    _(
                        "Both of you: it is a joint agreement. An ended couple keeps a "
                        "read-only copy."
                    ),
                    reverse("agreements:index"),
                )
            )
        if Need.objects.filter(person=person).exists():
            dialogue = latest_dialogue(person)
            if dialogue is None or dialogue.is_solo:
                who = _("Only you: without a partner taking part, it is a reflection.")
            else:
                who = _(
                    "Your partner, once you have both prepared; before that, only you. If the "
                    "couple ends, each keeps only their own words."
                )
            lines.append(
                PrivacyLine(_("Needs dialogue"), who, reverse("agreements:dialogue_index"))
            )
        mine = Commitment.objects.visible_to(person).filter(person=person)
        if who := partner_sees(person, mine):
            lines.append(
                PrivacyLine(_("Commitments to myself"), who, reverse("agreements:commitments"))
            )
        return lines

    def private_paths(self):
        return [reverse("agreements:index")]

    def reminder_kinds(self):
        return reminders.KINDS

    def after_couple_ended(self, couple, members):
        """An ended couple's agreement is archived and their dialogue closed: neither former
        partner is asked to review the agreement, told of a signal, nudged at the end of a pause
        or told it is their turn in the dialogue any more."""
        quiet_after_break_up(couple, members)

    def before_account_deleted(self, person):
        """The partner keeps the agreement, as a read-only copy they can still read."""
        keep_readable_for_partner(person)


def signals_in_practice_log(person) -> list[PracticeEvent]:
    """The signals of the person's agreements, for the program's practice log."""
    agreements = Agreement.objects.visible_to(person)
    signals = Signal.objects.filter(agreement__in=agreements).only(
        "sender_id", "sent_at", "answered_at"
    )
    return [
        PracticeEvent(
            at=signal.sent_at,
            sent_by_me=signal.sender_id == person.pk,
            response_time=signal.response_time,
        )
        for signal in signals[: practice_events.SHOWN]
    ]


def quiet_after_break_up(couple, members) -> None:
    agreements = Agreement.objects.filter(couple=couple)
    open_ones = [
        *agreements.only("pk"),
        *Signal.objects.filter(agreement__in=agreements, answered_at__isnull=True).only("pk"),
        *Pause.objects.filter(agreement__in=agreements, returned_at__isnull=True).only("pk"),
        *Dialogue.objects.filter(couple=couple).only("pk"),
    ]
    topics = {thing.reminder_topic for thing in open_ones}
    stop_reminders(Reminder.objects.filter(person__in=members, topic__in=topics))
