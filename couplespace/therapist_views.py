from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from couplespace.forms import CareInvitationForm, NoteForm, ShareForm, TherapistApplicationForm
from couplespace.models import AccessRecord, Care, InvitationError, TherapistProfile
from couplespace.tasks import send_care_invitation_email
from couplespace.therapy import care_given_by, is_verified_therapist, share_kinds


@login_required
def apply(request):
    profile = TherapistProfile.objects.filter(person=request.user).first()
    if profile and profile.is_verified:
        return redirect("therapist_home")
    data = request.POST if request.method == "POST" else None
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
    form = CareInvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        for email in filter(None, [form.cleaned_data["email"], form.cleaned_data["partner_email"]]):
            care = Care.objects.create(therapist=request.user, email=email.lower())
            send_care_invitation_email.delay_on_commit(care.pk)
        messages.success(
            request, _("Invitation sent. You will see your client here once they accept.")
        )
        return redirect("therapist_home")
    return render(request, "therapists/home.html", {"cares": cares, "form": form})


@login_required
def client(request, care_id):
    care = care_given_by(request.user, care_id)
    note_form = NoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and note_form.is_valid():
        note_form.instance.care = care
        note_form.save()
        return redirect("therapist_client", care_id=care.pk)
    shared = [
        (kind, reverse(kind.url_name, args=[care.pk]))
        for kind in share_kinds()
        if kind.key in care.shared_kinds()
    ]
    context = {"care": care, "shared": shared, "notes": care.notes.all(), "note_form": note_form}
    return render(request, "therapists/client.html", context)


@login_required
def care_invitation(request, token):
    """A client reads a therapist's invitation, chooses what to share, and accepts."""
    care = get_object_or_404(
        Care.objects.select_related("therapist__therapist_profile"),
        token=token,
        accepted_at__isnull=True,
        ended_at__isnull=True,
    )
    form = ShareForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            care.accept(request.user, set(form.cleaned_data["kinds"]))
        except InvitationError as error:
            context = {"care": care, "form": form, "problem": str(error)}
            return render(request, "therapists/invitation.html", context, status=409)
        else:
            messages.success(
                request,
                _("You now work with this therapist. Your privacy page shows what they see."),
            )
            return redirect("privacy")
    return render(request, "therapists/invitation.html", {"care": care, "form": form})


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
        .order_by("-at")[:200]
    )
    context = {"rows": rows, "log": log, "partner": request.user.partner}
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
