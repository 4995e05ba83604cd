"""The agreement's cards on the Today page: the partner's live state first (a signal waiting,
a pause and until when, a pause of one's own that is over), then a turn in the dialogue and a
version to accept. Read in a fixed number of queries, however many signals and pauses the
couple has had: each asks only for what is still open."""

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse

from agreements.dialogue import current_dialogue, stage
from agreements.forms import ReturnForm
from agreements.models import Agreement, Need, Reply
from couplespace.features import TodayCard, TodayPlace

PARTNER = TodayPlace.PARTNER


def cards(person) -> list[TodayCard]:
    if person.couple is None:
        return []  # an archived agreement takes no actions
    if person.feels_afraid_of_partner():
        return []  # no couple exercise is pressed on them: the next steps offer the solo path
    agreement = (
        Agreement.objects.visible_to(person)
        .filter(couple=person.couple)
        .select_related("active_version")
        .first()
    )
    found = []
    if agreement and agreement.active_version:
        found += signals_waiting(person, agreement) + pause_now(person, agreement)
    found += turn_in_dialogue(person)
    if agreement:
        found += version_to_accept(person, agreement)
    return found


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


def turn_in_dialogue(person) -> list[TodayCard]:
    dialogue = current_dialogue(person)
    if dialogue is None:
        return []
    prefetch_related_objects(  # where it stands, without loading (and decrypting) any words
        [dialogue],
        "parties",
        Prefetch("needs", Need.objects.only("dialogue", "person")),
        Prefetch("replies", Reply.objects.only("dialogue", "turn", "kind", "written_at")),
    )
    if person.pk not in stage(dialogue).waiting_for:
        return []
    url = reverse("agreements:dialogue", args=[dialogue.pk])
    return [TodayCard(PARTNER, "agreements/today/turn.html", url)]


def version_to_accept(person, agreement) -> list[TodayCard]:
    latest = (
        agreement.versions.defer("note")
        .select_related("created_by")
        .prefetch_related("acceptances")
        .order_by("-number")
        .first()
    )
    if latest is None or person.pk in latest.accepted_by():
        return []
    url = reverse("agreements:detail", args=[agreement.pk])
    context = {"version": latest}
    return [TodayCard(PARTNER, "agreements/today/version.html", url, context)]
