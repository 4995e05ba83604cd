from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.clauses import clause_templates, template_by_key
from agreements.diff import diff_clauses, keep_mine, merge_clauses
from agreements.forms import (
    ClauseFormSet,
    CollisionForm,
    CollisionFormSet,
    PauseForm,
    ReturnForm,
    VersionNoteForm,
)
from agreements.models import Agreement, Version
from agreements.signals_and_pauses import answer_signal, come_back, send_signal, start_pause
from agreements.versions import AgreementError, EditConflict, accept_version, propose_version
from couplespace.therapy import open_client_data


def agreement_for(person, pk) -> Agreement:
    """The one way views reach an agreement: its parties only, 404 for anyone else."""
    return get_object_or_404(
        Agreement.objects.visible_to(person).select_related("couple", "active_version"), pk=pk
    )


@login_required
def index(request):
    person = request.user
    agreements = Agreement.objects.visible_to(person).select_related("couple")
    current = next((a for a in agreements if not a.is_archived), None)
    if current:
        return redirect("agreements:detail", pk=current.pk)
    archived = [a for a in agreements if a.is_archived]
    context = {"archived": archived, "afraid": person.feels_afraid_of_partner()}
    return render(request, "agreements/index.html", context)


@login_required
@require_POST
def start(request):
    couple = request.user.couple
    if couple is None:
        messages.error(
            request, _("A security agreement is made by two: invite your partner first.")
        )
        return redirect("agreements:index")
    return redirect("agreements:edit", pk=Agreement.for_couple(couple).pk)


@login_required
def detail(request, pk, pause_form=None, return_form=None, status=200):
    agreement = agreement_for(request.user, pk)
    versions = list(
        agreement.versions.select_related("created_by")
        .prefetch_related("clauses", "acceptances")
        .order_by("number")
    )
    latest = versions[-1] if versions else None
    active = agreement.active_version and versions[agreement.active_version.number - 1]
    proposal = latest if latest and latest != active else None
    context = {
        "agreement": agreement,
        "active": active,
        "proposal": proposal,
        "changes": proposal
        and diff_clauses(active.clause_texts() if active else [], proposal.clause_texts()),
        "versions": versions,
        "parties": list(agreement.parties.all()),
        **signals_and_pauses_context(request.user, agreement, pause_form, return_form),
    }
    return render(request, "agreements/detail.html", context, status=status)


def signals_and_pauses_context(person, agreement, pause_form, return_form) -> dict:
    signals = list(agreement.signals.select_related("sender")[:20])
    pauses = list(agreement.pauses.select_related("asked_by")[:20])
    limit = agreement.pause_limit_minutes()
    live = not agreement.is_archived  # an archived agreement is a record: nothing to answer
    return {
        "signals": signals,
        "pauses": pauses,
        "waiting_signals": [
            s for s in signals if live and not s.answered_at and s.sender_id != person.pk
        ],
        "running_pause": next((p for p in pauses if live and p.is_running()), None),
        "my_pause_to_close": next(
            (p for p in pauses if live and p.is_asked_by(person) and p.awaits_return()), None
        ),
        "pause_limit": limit,
        "pause_form": pause_form or PauseForm(initial={"minutes": limit}),
        "return_form": return_form or ReturnForm(),
    }


@login_required
@require_POST
def signal(request, pk):
    agreement = agreement_for(request.user, pk)
    try:
        send_signal(agreement=agreement, sender=request.user)
    except AgreementError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your signal is sent. Your partner is being told now."))
    return redirect("agreements:detail", pk=agreement.pk)


@login_required
@require_POST
def answer(request, pk, signal_id):
    agreement = agreement_for(request.user, pk)
    found = get_object_or_404(agreement.signals, pk=signal_id)
    try:
        answer_signal(signal=found, person=request.user)
    except AgreementError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your partner can see that you are here."))
    return back_to_where_it_was_done(request, agreement)


def back_to_where_it_was_done(request, agreement):
    """The Today page answers signals and notes returns too: it says so with `from=today`."""
    if request.POST.get("from") == "today":
        return redirect("workspace")
    return redirect("agreements:detail", pk=agreement.pk)


@login_required
@require_POST
def pause(request, pk):
    agreement = agreement_for(request.user, pk)
    form = PauseForm(request.POST)
    if form.is_valid():
        try:
            start_pause(
                agreement=agreement, person=request.user, minutes=form.cleaned_data["minutes"]
            )
        except AgreementError as error:
            form.add_error("minutes", str(error))
        else:
            messages.success(
                request, _("Your pause has started. Breathe; you will both be nudged when it ends.")
            )
            return redirect("agreements:detail", pk=agreement.pk)
    return detail(request, pk, pause_form=form, status=400)


@login_required
@require_POST
def back(request, pk, pause_id):
    agreement = agreement_for(request.user, pk)
    found = get_object_or_404(agreement.pauses, pk=pause_id)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return detail(request, pk, return_form=form, status=400)
    try:
        come_back(pause=found, person=request.user, note=form.cleaned_data["note"])
    except AgreementError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Welcome back. Your return is noted."))
    return back_to_where_it_was_done(request, agreement)


@login_required
def version_detail(request, pk, number):
    agreement = agreement_for(request.user, pk)
    version = get_object_or_404(
        agreement.versions.prefetch_related("clauses", "acceptances__person"), number=number
    )
    previous = agreement.versions.prefetch_related("clauses").filter(number=number - 1).first()
    context = {
        "agreement": agreement,
        "version": version,
        "changes": diff_clauses(
            previous.clause_texts() if previous else [], version.clause_texts()
        ),
    }
    return render(request, "agreements/version.html", context)


@login_required
@require_POST
def accept(request, pk, number):
    agreement = agreement_for(request.user, pk)
    try:
        activated = accept_version(agreement=agreement, person=request.user, number=number)
    except AgreementError as error:
        messages.error(request, str(error))
    else:
        if activated:
            messages.success(request, _("You have both accepted: this version is now active."))
        else:
            messages.success(request, _("Accepted. It becomes active when your partner accepts."))
    return redirect("agreements:detail", pk=agreement.pk)


@login_required
def edit(request, pk):
    """Propose the next version. Works without JavaScript; htmx only swaps the clause list."""
    agreement = agreement_for(request.user, pk)
    if agreement.is_archived:
        messages.error(request, _("This agreement is archived and can no longer change."))
        return redirect("agreements:detail", pk=agreement.pk)
    latest = agreement.latest_version
    context = {"agreement": agreement, "templates": clause_templates(), "latest": latest}
    if request.method != "POST":
        initial = [vars(c) for c in latest.clause_texts()] if latest else []
        context["formset"] = ClauseFormSet(initial=initial, prefix="clause")
        context["note_form"] = VersionNoteForm(initial={"base": latest.number if latest else 0})
        return render(request, "agreements/edit.html", context)

    formset = ClauseFormSet(request.POST, prefix="clause")
    note_form = VersionNoteForm(request.POST)
    collision_set = posted_collisions(request)
    if "add" in request.POST:
        return add_clause(request, context, formset, note_form, collision_set)
    context.update(formset=formset, note_form=note_form)
    if formset.is_valid() and note_form.is_valid() and collision_set.is_valid():
        clauses = keep_mine(formset.clauses(), collision_set.chosen_mine())
        try:
            version = propose_version(
                agreement=agreement,
                author=request.user,
                base_number=note_form.cleaned_data["base"],
                clauses=clauses,
                note=note_form.cleaned_data["note"],
            )
        except EditConflict as conflict:
            return show_conflict(request, context, conflict.latest, clauses)
        except AgreementError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Version %(number)s is saved. Your partner can now read and accept it.")
                % {"number": version.number},
            )
            return redirect("agreements:detail", pk=agreement.pk)
    if not collision_set.is_valid():
        messages.error(request, _("Your side of this clause was lost; start again."))
    context.update(still_colliding(latest, collision_set))
    return render(request, "agreements/edit.html", context, status=400)


def posted_collisions(request) -> CollisionFormSet:
    """The "keep mine" choices of a conflict page; none (and valid) from the plain editor."""
    data = request.POST.copy()
    data.setdefault("collision-TOTAL_FORMS", "0")
    data.setdefault("collision-INITIAL_FORMS", "0")
    return CollisionFormSet(data, prefix="collision")


def conflict_context(conflict: Version, collision_set) -> dict:
    """The conflict notice: each colliding clause's choice, with their side and mine."""
    theirs = {clause.key: clause for clause in conflict.clause_texts()}
    return {
        "conflict": conflict,
        "collision_management": collision_set.management_form,
        "collisions": [
            (form, theirs.get(form["key"].value()), form.mine()) for form in collision_set
        ],
    }


def still_colliding(latest: Version | None, collision_set) -> dict:
    """A conflict page sent back (a field to correct, a clause added) keeps its choices."""
    if latest is None or not collision_set.is_valid() or not collision_set.forms:
        return {}
    return conflict_context(latest, collision_set)


def add_clause(request, context, formset, note_form, collision_set):
    """Append a blank clause or a template to what was typed, without saving anything."""
    rows = formset.raw_clauses()
    template = template_by_key(request.POST["add"])
    if template:
        rows.append(
            {
                "kind": template.kind,
                "text": template.localized_text,
                "minutes": template.minutes or "",
            }
        )
    else:
        rows.append({"kind": "signal", "text": "", "minutes": ""})
    context["formset"] = ClauseFormSet(initial=rows, prefix="clause")
    context["note_form"] = VersionNoteForm(initial=note_form.data)
    if request.htmx:
        return render(request, "agreements/edit.html#clauses", context)
    context.update(still_colliding(context["latest"], collision_set))
    return render(request, "agreements/edit.html", context)


def show_conflict(request, context, latest: Version, mine):
    """Someone saved first: both sets of edits go into the form, and only the clauses both
    changed are shown, side by side, with the partner's words kept in the form for them
    unless I choose mine."""
    base_number = int(request.POST["base"])
    base = context["agreement"].versions.filter(number=base_number).first()
    merged, collisions = merge_clauses(
        base.clause_texts() if base else [], latest.clause_texts(), mine
    )
    collision_set = CollisionFormSet(
        initial=[CollisionForm.initial_for(c.key, c.mine) for c in collisions], prefix="collision"
    )
    context.update(
        conflict_context(latest, collision_set),
        formset=ClauseFormSet(initial=[vars(clause) for clause in merged], prefix="clause"),
        note_form=VersionNoteForm(
            initial={"base": latest.number, "note": request.POST.get("note", "")}
        ),
    )
    return render(request, "agreements/edit.html", context, status=409)


@login_required
def for_therapist(request, care_id):
    """A therapist reads a client's active agreement, if the client shares it (else 404)."""
    care = open_client_data(request.user, care_id, "agreement")
    agreement = (
        Agreement.objects.visible_to(care.client)
        .filter(couple__ended_at__isnull=True, active_version__isnull=False)
        .select_related("active_version")
        .first()
    )
    clauses = agreement.active_version.clauses.all() if agreement else []
    context = {"care": care, "agreement": agreement, "clauses": clauses}
    return render(request, "agreements/for_therapist.html", context)
