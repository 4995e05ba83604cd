"""Pages of the needs dialogue. Every view reaches a dialogue through `dialogue_for`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from agreements import phrasing
from agreements.dialogue import (
    CONFIRM,
    LISTEN,
    DialogueError,
    current_dialogue,
    dialogues_of,
    prepare,
    reply,
    stage,
    start_again,
    start_dialogue,
    turn_roles,
    visible_needs,
    visible_replies,
)
from agreements.forms import NEED_LENGTH, PAIRS, PreparationForm, ReplyForm
from agreements.models import Dialogue, Need, Reply
from couplespace.therapy import open_client_data


def dialogue_for(person, pk) -> Dialogue:
    """The one way views reach a dialogue: its parties only, 404 for anyone else."""
    return get_object_or_404(
        Dialogue.objects.visible_to(person)
        .select_related("couple")
        .prefetch_related("parties", "needs", "replies"),
        pk=pk,
    )


def typed_in(data) -> list[str]:
    """What is typed in each box of a preparation form, valid or not."""
    names = [f"{field}_{i}" for i in range(PAIRS) for field in ("afraid_of", "need")]
    return [data.get(name, "") for name in names]


def hints_in(data) -> list[phrasing.Hint]:
    """The phrasing hints for what is typed in a preparation form, valid or not. A box longer
    than the form takes gets none (the form says it is too long): 2 MB pasted in would otherwise
    take seconds and answer many times that."""
    fitting = [text for text in typed_in(data) if len(text) <= NEED_LENGTH]
    return [hint for text in fitting for hint in phrasing.check(text)]


@login_required
@require_safe
def index(request):
    """The open dialogue, a way to start the next one, and the past ones, newest first."""
    dialogues = dialogues_of(request.user).prefetch_related(  # stages only: no words read
        "parties",
        Prefetch("needs", Need.objects.only("dialogue", "person")),
        Prefetch("replies", Reply.objects.only("dialogue", "turn", "kind", "written_at")),
    )
    listed = [{"dialogue": dialogue, "stage": stage(dialogue)} for dialogue in dialogues]
    current = current_dialogue(request.user)
    context = {
        "current": next((item for item in listed if item["dialogue"] == current), None),
        "past": [item for item in listed if item["dialogue"] != current],
        "afraid": request.user.feels_afraid_of_partner(),
    }
    return render(request, "agreements/dialogue_index.html", context)


@login_required
@require_POST
def start(request):
    return redirect("agreements:dialogue", pk=start_dialogue(request.user).pk)


@login_required
@require_POST
def start_again_view(request, pk):
    """Set the open dialogue aside and start a new one; the one set aside stays readable."""
    dialogue = dialogue_for(request.user, pk)
    try:
        fresh = start_again(request.user, instead_of=dialogue)
    except DialogueError as error:
        messages.error(request, str(error))
        return redirect("agreements:dialogue", pk=dialogue.pk)
    return redirect("agreements:dialogue", pk=fresh.pk)


@login_required
@require_safe
def detail(request, pk):
    dialogue = dialogue_for(request.user, pk)
    return render(request, "agreements/dialogue.html", page_context(request.user, dialogue))


def page_context(person, dialogue, preparation=None, reply_form=None, hints=()) -> dict:
    now = stage(dialogue)
    parties = {party.pk: party for party in dialogue.parties.all()}
    partner = next((p for p in parties.values() if p.pk != person.pk), None)
    needs = visible_needs(dialogue, person, now)
    mine = [need for need in needs if need.person_id == person.pk]
    replies = visible_replies(dialogue, person)
    turns = []
    if now.is_revealed:
        roles = turn_roles(sorted(parties), dialogue.first_speaker_id)
        for number, (speaker, listener) in enumerate(roles, start=1):
            turns.append(
                {
                    "number": number,
                    "speaker": parties[speaker],
                    "listener": parties[listener],
                    "needs": [need for need in needs if need.person_id == speaker],
                    "replies": [r for r in replies if r.turn == number],
                    "is_current": number == now.turn,
                }
            )
    open_for_writing = dialogue.is_open
    can_prepare = open_for_writing and not now.is_revealed
    phrasing_url = reverse("agreements:dialogue_phrasing", args=[dialogue.pk])
    return {
        "dialogue": dialogue,
        "stage": now,
        "partner": partner,
        "mine": mine,
        "turns": turns,
        "can_prepare": can_prepare,
        "preparation": preparation
        or (
            PreparationForm(initial=PreparationForm.initial_from(mine), phrasing_url=phrasing_url)
            if can_prepare
            else None
        ),
        "hints": hints,
        "listening": open_for_writing and now.step == LISTEN and now.listener == person.pk,
        "confirming": open_for_writing and now.step == CONFIRM and now.speaker == person.pk,
        "reply_form": reply_form or ReplyForm(),
    }


@login_required
@require_POST
def prepare_view(request, pk):
    """Save one's fears and needs. Blaming forms get a hint first; the person may keep them."""
    dialogue = dialogue_for(request.user, pk)
    phrasing_url = reverse("agreements:dialogue_phrasing", args=[dialogue.pk])
    form = PreparationForm(request.POST, phrasing_url=phrasing_url)
    hints = hints_in(request.POST)
    if not form.is_valid():
        context = page_context(request.user, dialogue, preparation=form, hints=hints)
        return render(request, "agreements/dialogue.html", context, status=400)
    if hints and "as_written" not in request.POST:
        context = page_context(request.user, dialogue, preparation=form, hints=hints)
        return render(request, "agreements/dialogue.html", context)
    try:
        prepare(dialogue=dialogue, person=request.user, pairs=form.pairs())
    except DialogueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, saved_message(dialogue))
    return redirect("agreements:dialogue", pk=dialogue.pk)


def saved_message(dialogue: Dialogue) -> str:
    if dialogue.is_solo:
        return _("Saved. This is for you alone: come back and change it whenever you like.")
    return _("Saved. You will read each other’s words once you have both written.")


@login_required
@require_POST
def reply_view(request, pk):
    dialogue = dialogue_for(request.user, pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        context = page_context(request.user, dialogue, reply_form=form)
        return render(request, "agreements/dialogue.html", context, status=400)
    try:
        reply(
            dialogue=dialogue,
            person=request.user,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
        )
    except DialogueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, replied_message(form.cleaned_data["kind"]))
    return redirect("agreements:dialogue", pk=dialogue.pk)


def replied_message(kind: str) -> str:
    return {
        Reply.Kind.HEARD: _("Sent. Your partner will say whether that is what they meant."),
        Reply.Kind.CONFIRMED: _("You have been heard. Thank you both."),
        Reply.Kind.MISSED: _("Sent. Your partner will try again with what you added."),
    }[kind]


@login_required
@require_POST
def phrasing_view(request, pk):
    """Live hints as one types (htmx). Without JavaScript the form shows them on saving."""
    dialogue = dialogue_for(request.user, pk)
    if not request.htmx:
        return redirect("agreements:dialogue", pk=dialogue.pk)
    too_long = any(len(text) > NEED_LENGTH for text in typed_in(request.POST))
    context = {"hints": hints_in(request.POST), "too_long": too_long, "limit": NEED_LENGTH}
    return render(request, "agreements/dialogue.html#hints", context)


@login_required
@require_safe
def for_therapist(request, care_id):
    """A therapist reads what a client revealed in their needs dialogues (only their words)."""
    care = open_client_data(request.user, care_id, "dialogue")
    dialogues = (
        Dialogue.objects.visible_to(care.client)
        .filter(couple__isnull=False)
        .select_related("couple")
        .prefetch_related("parties", "needs", "replies")
        .order_by("-created_at")
    )
    shown = []
    for dialogue in dialogues:
        if stage(dialogue).is_revealed:
            shown.append(
                {
                    "dialogue": dialogue,
                    "needs": [n for n in dialogue.needs.all() if n.person_id == care.client_id],
                    "replies": [r for r in dialogue.replies.all() if r.person_id == care.client_id],
                }
            )
    return render(request, "agreements/dialogue_for_therapist.html", {"care": care, "shown": shown})
