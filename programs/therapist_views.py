"""What a therapist sees of a client's check-ins: only what the client shares, always logged."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from couplespace.features import ClientOverview
from couplespace.therapy import open_client_data
from programs import insights
from programs.models import Checkpoint, Enrollment
from programs.views import _board, _week, _week_entries

SUMMARY_KINDS = {"checkpoint_summaries", "checkpoint_entries"}


def _client_board(request, care_id, kind: str, *, with_entries: bool):
    care = open_client_data(request.user, care_id, kind)
    client = care.client
    enrollment = Enrollment.objects.for_person(client)
    context = {"care": care, "with_entries": with_entries, "week": None}
    if enrollment and enrollment.program.checkpoints:
        theirs = Checkpoint.objects.visible_to(client).filter(author=client, enrollment=enrollment)
        day = max(enrollment.day_number(client.local_today()), 1)
        week = _week(request, theirs, day)
        context.update(_board(enrollment.program, _week_entries(theirs, week), week, day))
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


def overviews(kinds_by_client: dict) -> dict[int, ClientOverview]:
    """For each client who shares check-in summaries (or entries): program day, last check-in
    and a low-temperature flag, read under the summaries if they are shared. A fixed number of
    queries however many clients there are."""
    sharing = [client for client, kinds in kinds_by_client.items() if kinds & SUMMARY_KINDS]
    if not sharing:
        return {}
    read_as = {
        client.pk: "checkpoint_summaries"
        if "checkpoint_summaries" in kinds_by_client[client]
        else "checkpoint_entries"
        for client in sharing
    }
    ids = [client.pk for client in sharing]
    followed = Enrollment.objects.for_people(ids)
    last_check_in = dict(
        Checkpoint.objects.filter(author__in=ids)
        .values("author")
        .annotate(last=Max("local_date"))
        .values_list("author", "last")
    )
    todays = {client.pk: client.local_today() for client in sharing}
    since = min(todays.values()) - timedelta(days=insights.LOW_WINDOW_DAYS)
    temperatures = Checkpoint.objects.filter(
        author__in=ids, local_date__gt=since
    ).temperatures_by_author()
    lines = {}
    for client_id in ids:
        enrollment = followed.get(client_id)
        if enrollment is None:
            lines[client_id] = [_("Not following a program.")]
            continue
        today = todays[client_id]
        lines[client_id] = [
            _("Program day %(day)s") % {"day": max(enrollment.day_number(today), 0)}
        ]
        if client_id in last_check_in:
            lines[client_id].append(
                _("Last check-in: %(date)s") % {"date": last_check_in[client_id].isoformat()}
            )
        if insights.needs_support(temperatures.get(client_id, {}), today=today):
            lines[client_id].append(
                _("Low temperature: at most %(low)s on five of the last seven days")
                % {"low": insights.LOW_TEMPERATURE}
            )
    return {client_id: ClientOverview(read_as[client_id], lines[client_id]) for client_id in ids}
