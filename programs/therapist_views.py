"""What a therapist sees of a client's check-ins: only what the client shares, always logged."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from couplespace.therapy import open_client_data
from programs import board
from programs.models import Checkpoint, Enrollment


def _client_board(request, care_id, kind: str, *, with_entries: bool):
    care = open_client_data(request.user, care_id, kind)
    client = care.client
    enrollment = Enrollment.objects.for_person(client)
    context = {"care": care, "with_entries": with_entries, "week": None}
    if enrollment and enrollment.program.checkpoints:
        theirs = Checkpoint.objects.visible_to(client).filter(author=client, enrollment=enrollment)
        day = max(enrollment.day_today(client), 1)
        week = board.week_asked(request, theirs, day)
        listed = board.week_entries(theirs, week, with_words=with_entries)
        context.update(board.for_week(enrollment.program, listed, week, day))
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
