"""The agreement's part of the Today page: the partner's live state first (a signal waiting,
a pause and until when, a pause of one's own that is over), then a turn in the dialogue and a
version to accept; then the next steps. Read in a fixed number of queries, however many
signals and pauses the couple has had: each asks only for what is still open, and the
agreement, the dialogue and the latest version are read once for the cards and the steps."""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext as _

from agreements.dialogue import open_or_latest_dialogue, stage
from agreements.forms import ReturnForm
from agreements.models import Agreement, Dialogue, Need, Reply, Version
from couplespace.features import NextStep, TodayCard, TodayPart, TodayPlace

PARTNER = TodayPlace.PARTNER


@dataclass(frozen=True)
class Standing:
    """Where the couple's agreement and dialogue stand, read once per Today page."""

    agreement: Agreement | None
    dialogue: Dialogue | None  # the open one
    latest: Version | None
    talked: bool  # whether the couple ever began a dialogue

    @classmethod
    def of(cls, person) -> "Standing":
        agreement = (
            Agreement.objects.visible_to(person)
            .filter(couple=person.couple)
            .select_related("active_version")
            .first()
        )
        first = open_or_latest_dialogue(person)
        dialogue = first if first and first.closed_at is None else None
        if dialogue:  # where it stands, without loading (and decrypting) anyone's words
            prefetch_related_objects(
                [dialogue],
                "parties",
                Prefetch("needs", Need.objects.only("dialogue", "person")),
                Prefetch("replies", Reply.objects.only("dialogue", "turn", "kind", "written_at")),
            )
        latest = agreement and (
            agreement.versions.defer("note")
            .select_related("created_by")
            .prefetch_related("acceptances")
            .order_by("-number")
            .first()
        )
        return cls(agreement, dialogue, latest, talked=first is not None)

    def my_turn(self, person) -> bool:
        return bool(self.dialogue) and person.pk in stage(self.dialogue).waiting_for

    def to_accept(self, person) -> bool:
        return self.latest is not None and person.pk not in self.latest.accepted_by()


def part(person) -> TodayPart:
    if person.couple is None:
        return TodayPart()  # an archived agreement takes no actions
    if person.feels_afraid_of_partner():  # no couple exercise is pressed on them
        return TodayPart(next_steps=[solo_step()])
    standing = Standing.of(person)
    return TodayPart(cards(person, standing), next_steps(person, standing))


def solo_step() -> NextStep:
    return NextStep(
        _("Write commitments to yourself: how you will look after yourself"),
        reverse("agreements:commitments"),
    )


def cards(person, standing: Standing) -> list[TodayCard]:
    agreement = standing.agreement
    found = []
    if agreement and agreement.active_version:
        found += signals_waiting(person, agreement) + pause_now(person, agreement)
    if standing.my_turn(person):
        url = reverse("agreements:dialogue", args=[standing.dialogue.pk])
        found.append(TodayCard(PARTNER, "agreements/today/turn.html", url))
    if standing.to_accept(person):
        url = reverse("agreements:detail", args=[agreement.pk])
        context = {"version": standing.latest}
        found.append(TodayCard(PARTNER, "agreements/today/version.html", url, context))
    return found


def next_steps(person, standing: Standing) -> list[NextStep]:
    steps = []
    dialogue, latest = standing.dialogue, standing.latest
    if standing.my_turn(person):
        steps.append(
            NextStep(
                _("It’s your turn in the needs dialogue"),
                reverse("agreements:dialogue", args=[dialogue.pk]),
            )
        )
    elif latest is None and not standing.talked:
        steps.append(
            NextStep(
                _("Before the agreement: say what you fear and need, and listen"),
                reverse("agreements:dialogue_index"),
            )
        )
    if latest is None:
        steps.append(
            NextStep(_("Write your security agreement together"), reverse("agreements:index"))
        )
    elif standing.to_accept(person):
        steps.append(
            NextStep(
                _("%(name)s proposed version %(number)s of your agreement: read it")
                % {"name": latest.created_by.name, "number": latest.number},
                reverse("agreements:detail", args=[standing.agreement.pk]),
            )
        )
    return steps


def signals_waiting(person, agreement) -> list[TodayCard]:
    waiting = list(
        agreement.signals.filter(answered_at__isnull=True)
        .exclude(sender=person)
        .select_related("sender")[:3]
    )
    url = reverse("agreements:detail", args=[agreement.pk])
    context = {"agreement": agreement}
    return [
        TodayCard(PARTNER, "agreements/today/signal.html", url, {**context, "signal": signal})
        for signal in waiting
    ]


def pause_now(person, agreement) -> list[TodayCard]:
    """The pause still open: running (anyone sees until when), or over and waiting for the
    return of the one who asked for it (only they are asked)."""
    pause = agreement.pauses.filter(returned_at__isnull=True).select_related("asked_by").first()
    if pause is None or not (pause.is_running() or pause.is_asked_by(person)):
        return []
    context = {
        "agreement": agreement,
        "pause": pause,
        "return_form": ReturnForm(),
        "from_today": True,
    }
    url = reverse("agreements:detail", args=[agreement.pk])
    return [TodayCard(PARTNER, "agreements/today/pause.html", url, context)]
