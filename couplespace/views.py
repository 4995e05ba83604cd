from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.context_processors import csp
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from couplespace import features, guides
from couplespace.adapters import PENDING_INVITATION
from couplespace.crisis_lines import CRISIS_LINES
from couplespace.features import TodayCard, TodayPlace
from couplespace.forms import InvitationForm, JoinForm, PreferencesForm, SafetyForm, posted
from couplespace.joining import join
from couplespace.languages import LANGUAGES
from couplespace.models import (
    Assignment,
    Care,
    Invitation,
    InvitationError,
    SafetyAnswer,
    SentToAnotherAddress,
)
from couplespace.reminders import reschedule_person
from couplespace.tasks import send_invitation_email
from couplespace.therapy import is_verified_therapist, step_for


@require_safe
def health(request):
    """For load balancers and docker-compose: the app answers and its database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    """Django's handler500: the site's layout, with Get help and Quick exit, in the visitor's
    language, from nothing that can fail again. No context processors run (they read the
    signed-in person, the session and messages: the database may be what failed), so the page
    gets only what it needs from settings and the request, and the language the request chose
    (the person's own when they were read, else the cookie or Accept-Language)."""
    language = getattr(request, "LANGUAGE_CODE", None)
    context = {
        "request": request,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "csrf_token": get_token(request),
        **csp(request),
    }
    with translation.override(language or translation.get_language_from_request(request)):
        return HttpResponseServerError(render_to_string("500.html", context))


@require_safe
def landing(request):
    return render(request, "landing.html")


@require_safe
def get_help(request):
    return render(request, "help.html", {"crisis_lines": CRISIS_LINES})


@require_safe
def guide_list(request):
    return render(request, "guides/index.html", {"guides": guides.published().values()})


@require_safe
def guide(request, slug):
    """A guide in the visitor's language; its body is a cached fragment (see the template)."""
    found = guides.find(slug)
    if found is None:
        raise Http404
    return render(request, "guides/guide.html", {"guide": found})


# Paths search engines should not crawl: the core's personal pages, then each feature's own.
PRIVATE_PATHS = ["/space/", "/account/", "/admin/", "/invite/", "/notifications/"]


@cache_control(public=True, max_age=60 * 60 * 24)
@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in [*PRIVATE_PATHS, *features.private_paths()]),
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def open_assignments_for(person) -> list:
    """Steps the person's therapists asked of them, not yet done, with where to do them."""
    found = (
        Assignment.objects.filter(
            care__in=Care.objects.current(), care__client=person, done_at__isnull=True
        )
        .select_related("care__therapist__therapist_profile")
        .only("step", "note", "due_date", "care__therapist__therapist_profile__professional_name")
    )
    rows = []
    for assignment in found:
        step = step_for(assignment.step)
        rows.append(
            (assignment, step.label if step else assignment.step, step and reverse(step.url_name))
        )
    return rows


def own_today_cards(person) -> list[TodayCard]:
    """The core's cards on Today: the steps a therapist asked for, and the guide to begin."""
    cards = [TodayCard(TodayPlace.START, "today/guide.html", reverse("guides"))]
    assignments = open_assignments_for(person)
    if assignments:
        url = assignments[0][2] or reverse("workspace")
        context = {"assignments": assignments}
        cards.append(TodayCard(TodayPlace.THERAPIST, "today/assignments.html", url, context))
    return cards


@login_required
def workspace(request):
    """Today: what matters now for this person, most pressing first (see features.today_for)."""
    person = request.user
    couple = person.couple
    cards, next_steps = features.today_for(person, own_today_cards(person))
    context = {
        "couple": couple,
        "partner": person.partner,
        "pending": None if couple else Invitation.objects.pending().filter(inviter=person).first(),
        "cards": cards,
        "next_steps": next_steps,
        "safety_answer": person.safety_answer() if couple else None,
        "invitation_form": InvitationForm(),
        "is_therapist": is_verified_therapist(person),
    }
    return render(request, "workspace.html", context)


@login_required
@require_POST
def invite(request):
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = Invitation.issue(inviter=request.user, email=form.cleaned_data["email"])
        except InvitationError as error:
            form.add_error("email", str(error))
        else:
            if invitation.email:
                send_invitation_email.delay_on_commit(invitation.pk)
                messages.success(
                    request, _("We emailed your invitation. You can also copy the link.")
                )
            else:
                messages.success(request, _("Your invitation link is ready to copy."))
            return redirect("workspace")
    return render(
        request,
        "workspace.html",
        {
            "couple": None,
            "partner": None,
            "pending": None,
            "invitation_form": form,
            "is_therapist": is_verified_therapist(request.user),
        },
        status=400,
    )


@login_required
@require_POST
def withdraw_invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.pending(), token=token, inviter=request.user)
    invitation.withdraw()
    messages.success(request, _("The invitation was withdrawn; its link no longer works."))
    return redirect("workspace")


def invitation(request, token):
    """Where an invitation link lands: explain it, then sign up, log in, or accept."""
    invitation = get_object_or_404(Invitation.objects.select_related("inviter"), token=token)
    person = request.user if request.user.is_authenticated else None
    form = JoinForm(posted(request) if person else None)
    try:
        invitation.check_acceptable_by(person)
        if person and request.method == "POST" and form.is_valid():
            join(
                invitation=invitation, person=person, feels_afraid=form.cleaned_data["feels_afraid"]
            )
            request.session.pop(PENDING_INVITATION, None)
            messages.success(
                request, _("You and %(name)s now share a space.") % {"name": invitation.inviter}
            )
            return redirect("workspace")
    except InvitationError as error:
        if isinstance(error, SentToAnotherAddress):
            invitation.tell_inviter_of_another_address()
        request.session.pop(PENDING_INVITATION, None)
        context = {"invitation": invitation, "problem": str(error)}
        return render(request, "invitation.html", context, status=409)
    if person is None:
        # Signing up goes through the emailed code like any other: holding the link does not
        # prove one reads mail at the invited address.
        request.session[PENDING_INVITATION] = token
    status = 400 if person and request.method == "POST" else 200
    return render(
        request, "invitation.html", {"invitation": invitation, "form": form}, status=status
    )


@login_required
def safety(request):
    """The private safety question. Only the person who answers ever sees the answer."""
    person = request.user
    if person.couple is None:
        return redirect("workspace")
    answer = person.safety_answer()
    initial = {"feels_afraid": "yes" if answer.feels_afraid else "no"} if answer else None
    form = SafetyForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        SafetyAnswer.objects.update_or_create(
            person=person,
            couple=person.couple,
            defaults={"feels_afraid": form.cleaned_data["feels_afraid"], "answered_at": now()},
        )
        return redirect("safety")
    return render(request, "safety.html", {"form": form, "answer": answer})


@login_required
def leave_couple(request):
    couple = request.user.couple
    if couple is None:
        return redirect("workspace")
    if request.method == "POST":
        couple.end()
        request.user.forget_membership()
        messages.success(request, _("You have left the couple. Your own entries stay with you."))
        return redirect("workspace")
    return render(request, "leave.html", {"partner": request.user.partner})


@login_required
def preferences(request):
    data = posted(request)
    form = PreferencesForm(data, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        if "timezone" in form.changed_data:
            reschedule_person(request.user)
        messages.success(request, _("Your preferences are saved."))
        return redirect("preferences")
    return render(request, "preferences.html", {"form": form})


@require_POST
def set_language(request):
    """Switch the interface language; a signed-in person keeps the choice on their account."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in LANGUAGES:
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response
