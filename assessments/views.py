import random
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, push_url

from assessments import access, chart, profiles
from assessments.attempt import Attempt
from assessments.forms import ConsentForm, StepForm
from assessments.instrument import instrument
from assessments.models import PartnerConsent, Result, new_token
from couplespace.forms import posted, rejected_status


@require_safe
def start(request):
    attempt = Attempt.from_session(request.session, instrument())
    return render(request, "assessments/start.html", {"attempt": attempt})


@require_POST
def begin(request):
    Attempt.begin(instrument(), rng=random.SystemRandom()).save(request.session)
    return redirect("assessments:step", number=1)


def step(request, number: int):
    """One screen of questions. Answers given are kept whatever button is pressed."""
    attempt = Attempt.from_session(request.session, instrument())
    if attempt is None:
        return redirect("assessments:start")
    steps = attempt.steps(instrument())
    if not 1 <= number <= len(steps):
        raise Http404
    form = StepForm(instrument=instrument(), attempt=attempt, step=number, data=posted(request))
    missing = []
    if request.method == "POST":
        valid = form.is_valid()
        attempt.record(form.answers_given())
        attempt.save(request.session)
        if request.POST.get("move") == "back" and number > 1:
            return redirect("assessments:step", number=number - 1)
        if valid and number < len(steps):
            return redirect("assessments:step", number=number + 1)
        if valid:
            missing = attempt.missing(instrument())
            if not missing:
                return finish(request, attempt)
    context = {
        "form": form,
        "number": number,
        "steps": len(steps),
        "answered": attempt.answered,
        "questions": len(attempt.all_keys(instrument())),
        "missing": [
            {
                "number": attempt.number(key, instrument()),
                "step": attempt.step_of(key, instrument()),
            }
            for key in missing
        ],
    }
    status = rejected_status(request) if request.method == "POST" else 200
    if not request.htmx:
        return render(request, "assessments/step.html", context, status=status)
    # A new screen (reached by following a redirect) also gets its address in the history.
    response = render(request, "assessments/step.html#step", context, status=status)
    return push_url(response, request.path) if request.method == "GET" else response


def finish(request, attempt: Attempt):
    person = request.user if request.user.is_authenticated else None
    result = Result.objects.filter(pk=attempt.result_id, owner=person).first()
    if result is None:  # not saved by an earlier try of this same last step
        result = Result.score(
            instrument=instrument(),
            answers=attempt.answers,
            id=uuid.UUID(attempt.result_id),
            owner=person,
            claim_token="" if person else new_token(),
        )
        result.save(force_insert=True)
    if person is None:
        access.remember_claim(request, result)
    Attempt.discard(request.session)
    url = reverse("assessments:result", args=[result.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def profile_context(result: Result) -> dict:
    return {
        "result": result,
        "profile": profiles.PROFILES[result.style],
        "stress": profiles.STRESS_PATTERNS[result.stress_response],
        "level": profiles.LEVELS[result.sexual_level],
        "points": [chart.point(anxiety=result.anxiety, avoidance=result.avoidance)],
        "geometry": chart.GEOMETRY,
    }


@require_safe
def result(request, result_id):
    result = access.get_own_result(request, result_id)
    context = {
        **profile_context(result),
        "share": result.live_share,
        "sharing": access.couple_sharing(request.user),
    }
    return render(request, "assessments/result.html", context)


def render_share(request, result: Result, *, revoked: bool = False):
    """The share section for htmx; otherwise back to the result page, where it shows."""
    if request.htmx:
        context = {"result": result, "share": result.live_share, "revoked": revoked}
        return render(request, "assessments/result.html#share", context)
    if revoked:
        messages.success(
            request, _("The link is switched off. Anyone who opens it now sees “not found”.")
        )
    return redirect(reverse("assessments:result", args=[result.pk]) + "#share")


@require_POST
def share(request, result_id):
    result = access.get_own_result(request, result_id)
    result.share()
    result.live_shares = result.shares.live()
    return render_share(request, result)


@require_POST
def revoke(request, result_id):
    result = access.get_own_result(request, result_id)
    for link in result.live_shares:
        link.revoke()
    result.live_shares = []
    return render_share(request, result, revoked=True)


@require_safe
def shared(request, token):
    result = access.get_shared_result(token)
    return render(request, "assessments/shared.html", profile_context(result))


@require_safe
def report(request, result_id):
    result = access.get_own_result(request, result_id)
    if not request.user.is_authenticated:
        next_url = reverse("assessments:report", args=[result.pk])
        return render(request, "assessments/report_locked.html", {"next_url": next_url})
    return render(request, "assessments/report.html", profile_context(result))


HISTORY_PAGE_SIZE = 20


def history_context(results: list[Result], before: Result | None = None) -> dict:
    """Rows newest first with the change since the time before, and the path on the chart.

    `results` run oldest first; `before` is the result just before the first of them, if any.
    """
    rows = [
        {
            "result": result,
            "anxiety_change": result.anxiety - previous.anxiety if previous else None,
            "avoidance_change": result.avoidance - previous.avoidance if previous else None,
        }
        for previous, result in zip([before, *results], results, strict=False)
    ]
    points = [chart.point(anxiety=result.anxiety, avoidance=result.avoidance) for result in results]
    return {
        "rows": list(reversed(rows)),
        "points": points,
        "line": chart.polyline(points),
        "geometry": chart.GEOMETRY,
    }


def paged_history(newest_first, page_number) -> dict:
    """One page of results, newest first, with the change since the time before (across a page
    break too) and the path on the chart: quick however often someone has taken the test."""
    page = Paginator(newest_first, HISTORY_PAGE_SIZE).get_page(page_number)
    start = page.start_index() - 1 if page.paginator.count else 0
    shown = list(newest_first[start : start + HISTORY_PAGE_SIZE + 1])[::-1]
    on_page = page.end_index() - start if page.paginator.count else 0
    before = shown.pop(0) if len(shown) > on_page else None
    return {**history_context(shown, before), "page": page}


@login_required
@require_safe
def history(request):
    newest_first = access.own_results(request).defer("answers").order_by("-taken_at", "-pk")
    context = paged_history(newest_first, request.GET.get("page"))
    return render(request, "assessments/history.html", context)


@login_required
@require_safe
def for_therapist(request, care_id):
    """A therapist follows a client's scores over time, if the client shares them (else 404)."""
    care, newest_first = access.client_results(request, care_id)
    context = {**paged_history(newest_first, request.GET.get("page")), "care": care}
    latest = newest_first.first()
    if latest:
        context["stress"] = profiles.STRESS_PATTERNS[latest.stress_response].said_of(
            care.client.name
        )
        context["level"] = profiles.LEVELS[latest.sexual_level]
    return render(request, "assessments/for_therapist.html", context)


@require_safe
def couple(request):
    comparison = access.get_comparison(request)
    mine, theirs = comparison.mine, comparison.theirs
    context = {
        "comparison": comparison,
        "combination": profiles.combination(mine.style, theirs.style),
        "pursue_withdraw": {mine.stress_response, theirs.stress_response} == {"pursue", "withdraw"},
        "mine_stress": profiles.STRESS_PATTERNS[mine.stress_response],
        "theirs_stress": profiles.STRESS_PATTERNS[theirs.stress_response].said_of(
            comparison.partner.name
        ),
        "mine_level": profiles.LEVELS[mine.sexual_level],
        "theirs_level": profiles.LEVELS[theirs.sexual_level],
        "points": [
            chart.point(anxiety=mine.anxiety, avoidance=mine.avoidance, label=request.user.name),
            chart.point(
                anxiety=theirs.anxiety,
                avoidance=theirs.avoidance,
                label=comparison.partner.name,
                color=chart.WARM,
            ),
        ],
        "geometry": chart.GEOMETRY,
    }
    return render(request, "assessments/couple.html", context)


@login_required
@require_POST
def consent(request):
    couple = request.user.couple
    form = ConsentForm(request.POST)
    if couple is None or not form.is_valid():
        raise Http404
    given = form.cleaned_data["given"]
    PartnerConsent.set(person=request.user, couple=couple, given=given)
    if given:
        messages.success(request, _("Your partner can now compare results with you."))
    else:
        messages.success(request, _("Comparison is switched off for both of you."))
    return HttpResponseRedirect(local_path(request.POST.get("next", ""), request))


def local_path(next_url: str, request) -> str:
    """Where to go back to: a path on this site, else the history (never a URL name, which
    `redirect` would try to reverse, nor another site)."""
    local = next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if local else reverse("assessments:history")
