"""Phases 4 and 5: the practice log, the weekly check-in with its monthly review, the daily
rituals and the outcome check. Every read goes through the scoping method of its kind
(`visible_to`), and every page runs the same number of queries however much was written."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from couplespace.forms import posted, rejected_status
from couplespace.languages import in_reader_language
from couplespace.therapy import open_client_data
from programs import maintenance, program_days, week_figures
from programs.following import following_a_program
from programs.forms import (
    DebriefForm,
    OutcomeForm,
    PracticeEntryForm,
    RitualPlanForm,
    WeeklyCheckInForm,
)
from programs.models import (
    Debrief,
    OutcomeCheck,
    PracticeEntry,
    RitualPlan,
    WeeklyCheckIn,
)
from programs.practice_events import practice_events_for

RECENT_PRACTICE = 30
WEEKS_SHOWN = 12
DEBRIEFS_SHOWN = 14
THERAPIST_ENTRIES = 100


# Practice (days 22-28)


@login_required
@following_a_program
def practice(request, enrollment):
    """Log a moment, a small success or a good moment; see the log and the signals."""
    person = request.user
    day = enrollment.day_today(person)
    alone = enrollment.follows_alone(person)
    form = PracticeEntryForm(posted(request), alone=alone)
    started = program_days.has_started(day)
    rejected = request.method == "POST" and not (started and form.is_valid())
    saved = None
    if request.method == "POST" and not rejected:
        entry = form.save(commit=False)
        entry.author, entry.enrollment = person, enrollment
        entry.local_date, entry.day = person.local_today(), day
        entry.save()
        if not request.htmx:
            messages.success(request, _("Noted in your practice log."))
            return redirect("programs:practice")
        form, saved = PracticeEntryForm(alone=alone), entry
    context = {
        "enrollment": enrollment,
        "day": day,
        "started": started,
        "alone": alone,
        "form": form,
        "saved": saved,
        **practice_log(person, enrollment, with_signals=not alone),
    }
    template = "programs/practice.html"
    if request.htmx and request.method == "POST":
        template += "#practice-area"  # the new line of the log, or the marked answers
    return render(request, template, context, status=rejected_status(request) if rejected else 200)


def practice_log(person, enrollment, *, with_signals: bool) -> dict:
    """The recent entries by kind, the running count of each kind, and the signals."""
    entries = PracticeEntry.objects.visible_to(person).filter(author=person, enrollment=enrollment)
    recent = list(entries[:RECENT_PRACTICE])
    counts = dict(entries.values_list("kind").annotate(count=Count("id")).order_by())
    return {
        "moments": [e for e in recent if e.kind == PracticeEntry.Kind.MOMENT],
        "successes": [e for e in recent if e.kind == PracticeEntry.Kind.SUCCESS],
        "deposits": [e for e in recent if e.kind == PracticeEntry.Kind.DEPOSIT],
        "counts": {kind: counts.get(kind, 0) for kind in PracticeEntry.Kind.values},
        "signals": practice_events_for(person) if with_signals else [],
    }


@login_required
@require_safe
def practice_for_therapist(request, care_id):
    """A therapist reads a client's practice log, if the client shares it (else 404)."""
    care = open_client_data(request.user, care_id, "practice_log")
    entries = PracticeEntry.objects.visible_to(care.client).filter(author=care.client)
    context = {
        "care": care,
        "entries": list(entries[:THERAPIST_ENTRIES]),
        "deposits": entries.filter(kind=PracticeEntry.Kind.DEPOSIT).count(),
    }
    return render(request, "programs/practice_for_therapist.html", context)


# Maintenance (day 29 on): the weekly check-in, milestones and the monthly review


@login_required
@following_a_program
def weekly(request, enrollment):
    """This week's temperature; both answers are shown once both partners answered."""
    person = request.user
    day = enrollment.day_today(person)
    week = week_figures.week_of(day)
    shown = list(
        WeeklyCheckIn.objects.visible_to(person)
        .filter(enrollment=enrollment, week__gt=week - WEEKS_SHOWN)
        .order_by("week")
    )
    mine = {c.week: c for c in shown if c.person_id == person.pk}
    theirs = {c.week: c for c in shown if c.person_id != person.pk}
    form = WeeklyCheckInForm(posted(request), instance=mine.get(week))
    started = program_days.has_started(day)
    rejected = request.method == "POST" and not (started and form.is_valid())
    if request.method == "POST" and not rejected:
        check_in = form.save(commit=False)
        check_in.person, check_in.enrollment, check_in.week = person, enrollment, week
        check_in.save_answer()
        messages.success(request, _("Your answer for this week is saved."))
        return redirect("programs:weekly")
    alone = enrollment.follows_alone(person)
    revisit = maintenance.revisit_after_drop([c.temperature for c in mine.values()])
    context = {
        "enrollment": enrollment,
        "day": day,
        "started": started,
        "week": week,
        "alone": alone,
        "partner": None if alone else person.partner,
        "seen_by": person.partner if week in mine and mine[week].revealed_at else None,
        "form": form,
        "this_week": (mine.get(week), theirs.get(week)),
        "history": [(w, mine.get(w), theirs.get(w)) for w in sorted(mine, reverse=True)],
        "revisit": revisit,
        "revisit_phase": revisit and _phase_title(enrollment, revisit.phase),
        "milestones": _milestones(person, enrollment, day, len(mine), alone),
        "in_maintenance": day >= maintenance.FIRST_MAINTENANCE_DAY,
    }
    return render(request, "programs/weekly.html", context, status=400 if rejected else 200)


def _phase_title(enrollment, number: int) -> str:
    return in_reader_language(enrollment.program.phases[number - 1]["title"])


def _milestones(person, enrollment, day, weekly_count, alone) -> list[tuple[str, str]]:
    counts = dict(
        PracticeEntry.objects.visible_to(person)
        .filter(author=person, enrollment=enrollment)
        .values_list("kind")
        .annotate(count=Count("id"))
        .order_by()
    )
    signals = [] if alone else practice_events_for(person)
    progress = maintenance.Progress(
        day=day,
        successes=counts.get(PracticeEntry.Kind.SUCCESS, 0),
        deposits=counts.get(PracticeEntry.Kind.DEPOSIT, 0),
        answered_signals=sum(1 for s in signals if s.response_time is not None),
        weekly_check_ins=weekly_count,
    )
    return maintenance.milestones(progress)


# The outcome check, at the start and on day 28


@login_required
@following_a_program
def outcome(request, enrollment):
    person = request.user
    day = enrollment.day_today(person)
    checks = {
        check.when: check
        for check in OutcomeCheck.objects.visible_to(person).filter(enrollment=enrollment)
    }
    due = _due_check(checks, day)
    form = OutcomeForm(posted(request)) if due else None
    if request.method == "POST":
        if due is None:
            messages.info(request, _("There is no check to answer right now."))
            return redirect("programs:outcome")
        if form.is_valid():
            OutcomeCheck.objects.create(
                person=person, enrollment=enrollment, when=due, answers=form.cleaned_data
            )
            messages.success(request, _("Thank you. Your answers are saved."))
            return redirect("programs:outcome")
    start, end = checks.get(OutcomeCheck.When.START), checks.get(OutcomeCheck.When.END)
    start_score = start and maintenance.outcome_score(start.answers)
    end_score = end and maintenance.outcome_score(end.answers)
    score_change = end_score - start_score if start_score and end_score else None
    context = {
        "enrollment": enrollment,
        "day": day,
        "due": due,
        "form": form,
        "start": start,
        "end": end,
        "start_score": start_score,
        "end_score": end_score,
        "score_change": score_change,
        "change_size": score_change and abs(score_change),
        "items": _item_rows(start, end),
        "end_day": maintenance.OUTCOME_END_DAY,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "programs/outcome.html", context, status=status)


def _due_check(checks: dict, day: int) -> str | None:
    """The start check until day 28 if not done; the day-28 check from then on, once."""
    if day >= maintenance.OUTCOME_END_DAY:
        return None if OutcomeCheck.When.END in checks else OutcomeCheck.When.END
    return None if OutcomeCheck.When.START in checks else OutcomeCheck.When.START


def _item_rows(start, end) -> list[tuple]:
    if start is None and end is None:
        return []
    changes = maintenance.outcome_changes(
        start.answers if start else {}, end.answers if end else {}
    )
    return [(maintenance.OUTCOME_ITEMS[c.key], c.start, c.end, c.change) for c in changes]


# Daily rituals: a morning connection and an evening debrief, each with its own reminder


@login_required
@following_a_program
def rituals(request, enrollment):
    person = request.user
    plan = RitualPlan.for_person(person)
    form = RitualPlanForm(posted(request), instance=plan)
    if request.method == "POST" and form.is_valid():
        form.save().plan_reminders()
        messages.success(request, _("Your rituals are saved."))
        return redirect("programs:rituals")
    status = 400 if request.method == "POST" else 200
    return _rituals_page(request, enrollment, form, DebriefForm(), status)


@login_required
@require_POST
@following_a_program
def debrief(request, enrollment):
    """Note today's high and low; a second note the same day replaces the first."""
    person = request.user
    today = person.local_today()
    existing = Debrief.objects.visible_to(person).filter(author=person, local_date=today).first()
    form = DebriefForm(request.POST, instance=existing)
    if form.is_valid():
        note = form.save(commit=False)
        note.author, note.local_date = person, today
        note.save()
        messages.success(request, _("Today’s debrief is noted."))
        return redirect("programs:rituals")
    plan_form = RitualPlanForm(instance=RitualPlan.for_person(person))
    return _rituals_page(request, enrollment, plan_form, form, 400)


def _rituals_page(request, enrollment, plan_form, debrief_form, status):
    person = request.user
    context = {
        "enrollment": enrollment,
        "alone": enrollment.follows_alone(person),
        "plan_form": plan_form,
        "debrief_form": debrief_form,
        "debriefs": list(Debrief.objects.visible_to(person).filter(author=person)[:DEBRIEFS_SHOWN]),
    }
    return render(request, "programs/rituals.html", context, status=status)
