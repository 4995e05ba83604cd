"""Pages of the needs dialogue. Every view reaches a dialogue through `dialogue_for`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponseBadRequest
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
from agreements.forms import BOXES, NEED_LENGTH, PreparationForm, ReplyForm
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


def typed_in(data) -> dict[str, str]:
    """What is typed in each box of a preparation form, valid or not."""
    return {name: data.get(name, "") for name in BOXES}


def hints_in(data) -> dict[str, list[phrasing.Hint]]:
    """The phrasing hints for each box of a preparation form, valid or not. A box longer than
    the form takes gets none (the form says it is too long): 2 MB pasted in would otherwise
    take seconds and answer many times that."""
    return {
        name: phrasing.check(text)
        for name, text in typed_in(data).items()
        if len(text) <= NEED_LENGTH
    }


def with_rewrite_taken(data, choice: str) -> tuple[dict[str, str], str | None]:
    """What was typed, with the rewrite the person chose ("box:number") in place of its
    sentence, and the box it went into (None if the choice is not one of the hints)."""
    typed = typed_in(data)
    name, _sep, number = choice.partition(":")
    hints = hints_in(data).get(name, [])
    if not number.isdigit() or int(number) >= len(hints):
        return typed, None
    typed[name], _selection = phrasing.take(typed[name], hints[int(number)])
    return typed, name


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


def page_context(person, dialogue, preparation=None, reply_form=None, hints=None) -> dict:
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
    preparation = preparation or (
        PreparationForm(initial=PreparationForm.initial_from(mine), phrasing_url=phrasing_url)
        if can_prepare
        else None
    )
    hints = hints or {}
    return {
        "dialogue": dialogue,
        "stage": now,
        "partner": partner,
        "mine": mine,
        "turns": turns,
        "can_prepare": can_prepare,
        "preparation": preparation,
        "pairs": [
            [{"field": box, "hints": hints.get(box.name, [])} for box in pair]
            for pair in (preparation.pair_fields() if preparation else [])
        ],
        "hints": any(hints.values()),
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
    if "rewrite" in request.POST:
        return take_rewrite(request, dialogue, phrasing_url)
    form = PreparationForm(request.POST, phrasing_url=phrasing_url)
    hints = hints_in(request.POST)
    if not form.is_valid():
        context = page_context(request.user, dialogue, preparation=form, hints=hints)
        return render(request, "agreements/dialogue.html", context, status=400)
    if any(hints.values()) and "as_written" not in request.POST:
        context = page_context(request.user, dialogue, preparation=form, hints=hints)
        return render(request, "agreements/dialogue.html", context)
    try:
        prepare(dialogue=dialogue, person=request.user, pairs=form.pairs())
    except DialogueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, saved_message(dialogue))
    return redirect("agreements:dialogue", pk=dialogue.pk)


def take_rewrite(request, dialogue, phrasing_url):
    """Without JavaScript, "Use this wording" comes here: the form again, nothing saved, with
    the rewrite in its box and the cursor there."""
    typed, into = with_rewrite_taken(request.POST, request.POST["rewrite"])
    form = PreparationForm(initial=typed, phrasing_url=phrasing_url)
    if into:
        form.fields[into].widget.attrs["autofocus"] = True
    context = page_context(request.user, dialogue, preparation=form, hints=hints_in(typed))
    return render(request, "agreements/dialogue.html", context)


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
    """Live hints for the box being typed in (htmx), shown right under it. Without JavaScript
    the form shows them on saving."""
    dialogue = dialogue_for(request.user, pk)
    if not request.htmx:
        return redirect("agreements:dialogue", pk=dialogue.pk)
    name = request.htmx.trigger_name
    if name not in BOXES:
        return HttpResponseBadRequest()
    context = {
        "name": name,
        "hints": hints_in(request.POST).get(name, []),
        "too_long": len(request.POST.get(name, "")) > NEED_LENGTH,
        "limit": NEED_LENGTH,
    }
    return render(request, "agreements/_phrasing_hints.html", context)


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
