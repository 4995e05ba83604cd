"""What a therapist sees of a client's check-ins: only what the client shares, always logged."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from couplespace.therapy import open_client_data
from programs import insights
from programs.models import Checkpoint, Enrollment
from programs.views import _board, _needs_support, _week


def _client_board(request, care_id, kind: str, *, with_entries: bool):
    care = open_client_data(request.user, care_id, kind)
    client = care.client
    enrollment = Enrollment.objects.for_person(client)
    context = {"care": care, "with_entries": with_entries, "week": None}
    if enrollment and enrollment.program.checkpoints:
        theirs = Checkpoint.objects.filter(author=client, enrollment=enrollment)
        day = max(enrollment.day_number(client.local_today()), 1)
        context.update(_board(enrollment.program, theirs, _week(request, theirs, day), day))
        if not with_entries:
            context["entries"] = []
    return render(request, "programs/for_therapist.html", context)


@login_required
@require_safe
def summaries_for_therapist(request, care_id):
    return _client_board(request, care_id, "checkpoint_summaries", with_entries=False)


@login_required
@require_safe
def entries_for_therapist(request, care_id):
    return _client_board(request, care_id, "checkpoint_entries", with_entries=True)


def overview(client, kinds: set[str]) -> list[str]:
    """Progress, last check-in and a low-temperature flag, only if the client shares summaries."""
    if not kinds & {"checkpoint_summaries", "checkpoint_entries"}:
        return []
    enrollment = Enrollment.objects.for_person(client)
    if enrollment is None:
        return [_("Not following a program.")]
    today = client.local_today()
    lines = [_("Program day %(day)s") % {"day": max(enrollment.day_number(today), 0)}]
    last = Checkpoint.objects.filter(author=client).order_by("-local_date").first()
    if last:
        lines.append(_("Last check-in: %(date)s") % {"date": last.local_date.isoformat()})
    if _needs_support(client, today):
        lines.append(
            _("Low temperature: at most %(low)s on five of the last seven days")
            % {"low": insights.LOW_TEMPERATURE}
        )
    return lines
