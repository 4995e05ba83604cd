from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from couplespace.features import privacy_summary_for
from couplespace.forms import (
    AssignmentForm,
    CareInvitationForm,
    NoteForm,
    ShareForm,
    TherapistApplicationForm,
    posted,
)
from couplespace.models import (
    AccessRecord,
    Assignment,
    Care,
    InvitationError,
    SentToAnotherAddress,
    TherapistProfile,
)
from couplespace.tasks import send_care_invitation_email
from couplespace.therapy import (
    care_given_by,
    is_guide_key,
    is_verified_therapist,
    label_steps,
    open_overviews,
    plan_assignment_reminder,
    settle,
    share_kinds,
    step_for,
    stop_assignment_reminders,
)


@login_required
def apply(request):
    profile = TherapistProfile.objects.filter(person=request.user).first()
    if profile and profile.is_verified:
        return redirect("therapist_home")
    data = posted(request)
    form = TherapistApplicationForm(data, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.instance.person = request.user
        form.save()
        messages.success(request, _("Thank you. Staff will check your details and verify you."))
        return redirect("therapist_apply")
    return render(request, "therapists/apply.html", {"form": form, "profile": profile})


@login_required
def home(request):
    if not is_verified_therapist(request.user):
        return redirect("therapist_apply")
    cares = (
        Care.objects.filter(therapist=request.user, ended_at__isnull=True)
        .select_related("client")
        .prefetch_related("consents")
        .order_by("-accepted_at", "-invited_at")
    )
    form = CareInvitationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        for email in filter(None, [form.cleaned_data["email"], form.cleaned_data["partner_email"]]):
            care = Care.objects.create(therapist=request.user, email=email.lower())
            send_care_invitation_email.delay_on_commit(care.pk)
        messages.success(
            request, _("Invitation sent. You will see your client here once they accept.")
        )
        return redirect("therapist_home")
    lines = open_overviews([care for care in cares if care.is_current], AccessRecord.Page.CLIENTS)
    rows = [(care, lines.get(care.pk, [])) for care in cares]
    overdue, this_week = steps_due(request.user)
    context = {"rows": rows, "form": form, "overdue": overdue, "due_this_week": this_week}
    return render(request, "therapists/home.html", context)


def steps_due(therapist) -> tuple[list[Assignment], list[Assignment]]:
    """The open steps this therapist assigned to current clients, in one query (and what it
    takes to see whether each client has done theirs): those past their date, and those due in
    the next seven days (today included), on the therapist's calendar."""
    today = therapist.local_today()
    found = list(
        Assignment.objects.filter(
            care__therapist=therapist,
            care__ended_at__isnull=True,
            done_at__isnull=True,
            due_date__lt=today + timedelta(days=7),
        )
        .defer("note")
        .select_related("care__client")
    )
    settle(found)
    open_steps = label_steps(step for step in found if step.done_at is None)
    return (
        [step for step in open_steps if step.due_date < today],
        [step for step in open_steps if step.due_date >= today],
    )


@login_required
def client(request, care_id):
    """A client's page for their therapist: what they share, assignments, private notes."""
    care = care_given_by(request.user, care_id)
    data = posted(request)
    is_assignment = data is not None and "due_date" in data
    note_form = NoteForm(None if is_assignment else data)
    today = request.user.local_today()
    assignment_form = AssignmentForm(data if is_assignment else None, today=today)
    for form in (note_form, assignment_form):
        if form.is_bound and form.is_valid():
            form.instance.care = care
            saved = form.save()
            if form is assignment_form:
                plan_assignment_reminder(saved)
            return redirect("therapist_client", care_id=care.pk)
    assignments = list(care.assignments.all())
    settle(assignments)
    shared = [
        (kind, reverse(kind.url_name, args=[care.pk]))
        for kind in share_kinds()
        if kind.key in care.shared_kinds()
    ]
    context = {
        "care": care,
        "shared": shared,
        "overview": open_overviews([care], AccessRecord.Page.CLIENT)[care.pk],
        "assignments": label_steps(assignments),
        "today": today,
        "notes": care.notes.all(),
        "note_form": note_form,
        "assignment_form": assignment_form,
    }
    status = 400 if data is not None else 200
    return render(request, "therapists/client.html", context, status=status)


def own_open_assignment(request, assignment_id) -> Assignment:
    """A step a current therapist asked of this client, not done yet; 404 for anyone else."""
    return get_object_or_404(
        Assignment.objects.filter(care__in=Care.objects.current()),
        pk=assignment_id,
        care__client=request.user,
        done_at__isnull=True,
    )


@login_required
@require_POST
def assignment_done(request, assignment_id):
    """The client marks a therapist's step as done; nobody else can."""
    assignment = own_open_assignment(request, assignment_id)
    if assignment.mark_done(timezone.now(), Assignment.DoneHow.MARKED):
        stop_assignment_reminders(request.user, [assignment.pk])
    messages.success(request, _("Marked as done. Your therapist will see it."))
    return redirect("workspace")


@login_required
@require_POST
def assignment_read(request, assignment_id):
    """The client opens the guide section a therapist asked them to read: reading leaves no
    trace elsewhere, so opening it from here is what counts as done. Then the section."""
    assignment = own_open_assignment(request, assignment_id)
    step = step_for(assignment.step) if is_guide_key(assignment.step) else None
    if step is None:
        raise Http404
    if assignment.mark_done(timezone.now(), Assignment.DoneHow.STEP):
        stop_assignment_reminders(request.user, [assignment.pk])
    return redirect(step.url)


@login_required
def care_invitation(request, token):
    """A client reads a therapist's invitation, chooses what to share, and accepts."""
    care = get_object_or_404(
        Care.objects.select_related("therapist__therapist_profile"),
        token=token,
        accepted_at__isnull=True,
        ended_at__isnull=True,
    )
    form = ShareForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            care.accept(request.user, set(form.cleaned_data["kinds"]))
        except InvitationError as error:
            if isinstance(error, SentToAnotherAddress):
                care.tell_therapist_of_another_address()
            context = {"care": care, "form": form, "problem": str(error)}
            return render(request, "therapists/invitation.html", context, status=409)
        else:
            messages.success(
                request,
                _("You now work with this therapist. Your privacy page shows what they see."),
            )
            return redirect("privacy")
    return render(request, "therapists/invitation.html", {"care": care, "form": form})


ACCESS_LOG_PAGE_SIZE = 50


@login_required
def privacy(request):
    """Who can see what: the partner, each therapist, and every time a therapist looked."""
    cares = (
        Care.objects.current()
        .filter(client=request.user)
        .select_related("therapist__therapist_profile")
        .prefetch_related("consents")
    )
    rows = [(care, ShareForm(initial={"kinds": sorted(care.shared_kinds())})) for care in cares]
    log = (
        AccessRecord.objects.filter(care__client=request.user)
        .select_related("care__therapist__therapist_profile")
        .order_by("-at", "-pk")
    )
    context = {
        "rows": rows,
        "log": Paginator(log, ACCESS_LOG_PAGE_SIZE).get_page(request.GET.get("log")),
        "partner": request.user.partner,
        "summary": privacy_summary_for(request.user),
    }
    return render(request, "privacy.html", context)


def own_care(request, care_id) -> Care:
    return get_object_or_404(Care.objects.current(), pk=care_id, client=request.user)


@login_required
@require_POST
def change_sharing(request, care_id):
    care = own_care(request, care_id)
    form = ShareForm(request.POST)
    if form.is_valid():
        care.share(set(form.cleaned_data["kinds"]))
        messages.success(request, _("Saved. The therapist sees only what is ticked, from now on."))
    return redirect("privacy")


@login_required
@require_POST
def end_care(request, care_id):
    own_care(request, care_id).end()
    messages.success(
        request, _("You no longer work with this therapist. They see nothing of yours.")
    )
    return redirect("privacy")
