"""The program pages. Every read of check-ins goes through their scope, `visible_to`."""

import uuid
from datetime import datetime, timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from icalendar import Calendar, Event

from couplespace.features import program_hints
from couplespace.forms import posted, rejected_status
from couplespace.privacy import shared_by
from couplespace.wallclock import next_daily
from programs import board, path_picture, program_days, week_figures
from programs.following import following_a_program
from programs.forms import CheckpointForm, CheckpointPlanForm, EnrolForm, QuickCheckpointForm
from programs.models import Checkpoint, CheckpointPlan, Enrollment, Program, new_calendar_token

RECENT_ENTRIES = 21
SHARED_SHOWN = 30  # of each other kind the partner shared, the newest
CALENDAR_DAYS_KEPT = 28


@login_required
def path(request):
    """The whole path of the (first) program the person follows, or the programs to start."""
    enrollment = Enrollment.objects.for_person(request.user)
    if enrollment is None:
        return _enrol_page(request)
    return _path_page(request, enrollment)


@login_required
@require_safe
def path_of(request, slug):
    """The path of one program the person follows; a program they do not follow yet is
    offered on the programs page."""
    program = get_object_or_404(Program, slug=slug)
    enrollment = Enrollment.objects.for_person(request.user, program)
    if enrollment is None:
        return redirect(reverse("programs:choose") + f"#program-{program.slug}")
    return _path_page(request, enrollment)


def _path_page(request, enrollment):
    """Its phases, today's day and phase, what is done, and the program's steps."""
    person = request.user
    today = person.local_today()
    day = enrollment.day_number(today)
    mine = _my_check_ins(person, enrollment)
    done = dict(mine.values_list("day").annotate(count=Count("id")).order_by())
    phases = _phases(enrollment.program, day, done)
    spots = path_picture.spots(phases, day)
    context = {
        "enrollment": enrollment,
        "program": enrollment.program,
        "day": day,
        "today_phase": enrollment.phase_today(today),
        "phases": phases,
        "spots": spots,
        "today_activity": program_days.has_started(day) and enrollment.program.activity(day),
        "spot_figures": path_picture.summary(spots),
        "starts_on": None if program_days.has_started(day) else enrollment.start_date,
        "needs_support": board.needs_support(
            today, mine.filter(board.recent(today)).only("local_date", "temperature")
        ),
        "partner": person.partner if enrollment.together else None,
        "others": Enrollment.objects.followed_by(person).exclude(program=enrollment.program),
    }
    return render(request, "programs/path.html", context)


@login_required
@require_safe
def choose(request):
    """Every program: the ones the person follows, and a form to start each of the others."""
    return _enrol_page(request)


def _phases(program, today_day: int, done: dict) -> list[dict]:
    phases = []
    for number, phase in enumerate(program.phases, start=1):
        first, last = phase["days"]
        days = [
            {
                "number": day,
                "activity": program.activity(day),
                "done": done.get(day, 0),
                "is_today": day == today_day,
            }
            for day in range(first, (last or first - 1) + 1)
        ]
        phases.append(
            {
                "number": number,
                "phase": phase,
                "first": first,
                "last": last,
                "days": days,
                "has_checkpoints": "checkpoints" in phase,
                "steps": phase.get("steps", []),
                "is_current": program_days.in_phase(phase, today_day),
                "is_past": last is not None and today_day > last,
            }
        )
    return phases


def _my_check_ins(person, enrollment):
    return Checkpoint.objects.visible_to(person).filter(author=person, enrollment=enrollment)


def _enrol_form(person, program, data=None) -> EnrolForm:
    return EnrolForm(
        data,
        programs=[program],
        today=person.local_today(),
        has_partner=bool(person.partner),
        start_phase=program.start_phase_for(program_hints(person)),
        auto_id=f"id_{program.slug}_%s",
    )


def _enrol_page(request, failed: EnrolForm | None = None, status=200):
    """Each program with its path: a link to it for one the person follows, or the form to
    start it (the form that failed, with what was typed, for the one just tried)."""
    person = request.user
    programs = list(Program.objects.order_by("pk"))
    if not programs:
        raise Http404
    followed = {e.program_id: e for e in Enrollment.objects.followed_by(person)}
    offers = []
    for program in programs:
        form = None
        if program.pk not in followed:
            mine = failed is not None and program.slug in failed.programs
            form = failed if mine else _enrol_form(person, program)
        offers.append({"program": program, "enrollment": followed.get(program.pk), "form": form})
    return render(request, "programs/enrol.html", {"offers": offers}, status=status)


@login_required
@require_POST
def enrol(request):
    """Start one program, alone or together. Each program once; both may run at the same time."""
    person = request.user
    program = Program.objects.filter(slug=request.POST.get("program", "")).first()
    if program is None:
        messages.error(request, _("Choose one of the programs below."))
        return redirect("programs:choose")
    if Enrollment.objects.for_person(person, program):
        messages.info(request, _("You are already following this program."))
        return redirect("programs:path_of", slug=program.slug)
    form = _enrol_form(person, program, request.POST)
    together = form.is_valid() and form.cleaned_data.get("together", False)
    if together and Enrollment.objects.for_person(person.partner, program):
        form.add_error(
            "together",
            _("%(name)s already follows this program on their own. You can start yours alone.")
            % {"name": person.partner.name},
        )
    if not form.is_valid():
        return _enrol_page(request, form, status=400)
    enrollment = Enrollment.objects.create(
        program=program,
        person=person,
        couple=person.couple if together else None,
        start_date=form.day_one(),
    )
    enrollment.plan_reminders(person)
    if program.checkpoints:
        messages.success(request, _("You have started. Your first check-in is waiting."))
    else:
        messages.success(request, _("You have started. Today’s step is on your path."))
    return redirect("programs:path_of", slug=program.slug)


def _followed_from_post(view):
    """Pause and resume act on the program the form names, or else the first one followed."""

    @wraps(view)
    def page(request):
        slug = request.POST.get("program") or None
        enrollment = Enrollment.objects.for_person(request.user, slug)
        if enrollment is None:
            return redirect("programs:path")
        return view(request, enrollment)

    return page


@login_required
@require_POST
@_followed_from_post
def pause(request, enrollment):
    enrollment.pause(request.user)
    messages.success(request, _("The program is paused. Reminders stop until you resume."))
    return redirect("programs:path_of", slug=enrollment.program.slug)


@login_required
@require_POST
@_followed_from_post
def resume(request, enrollment):
    enrollment.resume(request.user)
    messages.success(request, _("Welcome back. The program goes on from where you paused."))
    return redirect("programs:path_of", slug=enrollment.program.slug)


@login_required
@following_a_program
def checkpoint(request, enrollment):
    """Today's check-in form, with the week's chart and summary underneath."""
    person = request.user
    program = enrollment.program
    if not program.checkpoints:
        return redirect("programs:path")
    today = person.local_today()
    day = enrollment.day_number(today)
    # A check-in kept on a device while offline counts for the day it was written.
    written = program_days.written_on(
        request.POST.get("kept_at", ""), zone=person.zone, today=today
    )
    written_day = enrollment.day_number(written)
    mine = _my_check_ins(person, enrollment)
    moment = _chosen_moment(request, person)
    if request.method == "POST":  # the week is read after saving, if a page is shown
        week, shown = None, None
        existing = mine.filter(local_date=written, moment=moment).first()
    else:
        week = board.week_asked(request, mine, day)
        shown = _shown_entries(mine, today, week)
        existing = next((e for e in shown if e.local_date == today and e.moment == moment), None)
    quick = request.method == "POST" and request.POST.get("from") == "today"
    form = (QuickCheckpointForm if quick else CheckpointForm)(
        posted(request), instance=existing, program=program, initial={"moment": moment}
    )
    started = program_days.has_started(day)
    resent = _saved_before(mine, request)
    rejected = (
        request.method == "POST"
        and not resent
        and not (program_days.has_started(written_day) and form.is_valid())
    )
    if request.method == "POST" and not rejected:
        entry = resent or form.save(commit=False)
        if not resent:
            entry.author, entry.enrollment, entry.local_date, entry.day = (
                person,
                enrollment,
                written,
                written_day,
            )
            entry.client_key = form.cleaned_data.get("client_key") or entry.client_key
            entry.save_for_its_moment()
        if quick and request.htmx:  # kept on Today while offline, sent now: its card, saved
            context = {"moment": entry.get_moment_display()}
            return render(request, "programs/today/check_in_sent.html", context)
        if quick:
            messages.success(request, _("Saved. Thank you for checking in."))
            return redirect("workspace")
        if not request.htmx:
            messages.success(request, _("Saved. Thank you for checking in."))
            week = week_figures.week_of(entry.day)
            return redirect(reverse("programs:checkpoint") + f"?week={week}")
        form = CheckpointForm(instance=entry, program=program)
        saved = entry
    else:
        saved = None
    if quick:  # sent from Today with an answer missing: the whole form, marked, keeps the rest
        form = CheckpointForm(request.POST, instance=existing, program=program)
        form.is_valid()
    if shown is None:
        week = board.week_asked(request, mine, day)
        shown = _shown_entries(mine, today, week)
    days = week_figures.days_of_week(week)
    context = {
        "enrollment": enrollment,
        "day": day,
        "started": started,
        "form": form,
        "saved": saved,
        "needs_support": board.needs_support(today, shown),
        **board.for_week(program, [e for e in shown if e.day in days], week, max(day, 1)),
    }
    template = "programs/checkpoint.html"
    if request.htmx and request.method == "POST":
        template += "#checkpoint-area"  # the saved check-in, or the marked answers
    return render(request, template, context, status=rejected_status(request) if rejected else 200)


def _saved_before(mine, request):
    """The check-in this form was already saved as, when it is sent again (kept on a device
    while offline, then sent once more because the first answer never arrived)."""
    key = request.POST.get("client_key", "")
    if request.method != "POST" or not key:
        return None
    try:
        return mine.filter(client_key=uuid.UUID(key)).first()
    except ValueError:
        return None


def _shown_entries(mine, today, week: int) -> list:
    """In one query, the person's check-ins the page needs: the week's, for the chart and list,
    and the last few days', today's among them, for the form and the low-temperature note."""
    return board.week_entries(mine, week, also=board.recent(today), with_words=True)


def _chosen_moment(request, person) -> int:
    """The check-in asked for, or else the one the person's times say is due now."""
    raw = request.POST.get("moment") or request.GET.get("moment")
    if raw in {"0", "1", "2"}:
        return int(raw)
    return CheckpointPlan.for_person(person).moment_now(person.local_now().time())


@login_required
@require_safe
def entry(request, pk):
    """One entry: its author, or their partner once it is shared. Anyone else: 404."""
    found = get_object_or_404(
        Checkpoint.objects.visible_to(request.user).select_related("author", "enrollment__program"),
        pk=pk,
    )
    return render(
        request,
        "programs/entry.html",
        {
            "entry": found,
            "program": found.enrollment.program,
            "mine": found.author == request.user,
            "week": week_figures.week_of(found.day),
        },
    )


@login_required
def partner(request):
    """What the partner chose to share, of every kind, and nothing else: their check-ins on
    the week board, then each other kind under its heading, in a fixed number of queries."""
    person = request.user
    other = person.partner
    if other is None:
        return render(request, "programs/partner.html", {"other": None})
    context = {
        "other": other,
        "week": None,
        "sections": shared_by(other, person, most=SHARED_SHOWN),
    }
    followed = Enrollment.objects.for_person(other)
    if followed is not None and followed.program.checkpoints:
        shared = Checkpoint.objects.visible_to(person).filter(author=other)
        latest = shared.order_by("-day").values_list("day", flat=True).first() or 1
        week = board.week_asked(request, shared, latest)
        context.update(
            board.for_week(followed.program, board.week_entries(shared, week), week, latest)
        )
    return render(request, "programs/partner.html", context)


@login_required
def times(request):
    """Change the three check-in times, keep them after week one, and get the calendar link."""
    person = request.user
    plan = CheckpointPlan.for_person(person)
    form = CheckpointPlanForm(posted(request), instance=plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        enrollment = Enrollment.objects.for_person(person)
        if enrollment:
            enrollment.plan_reminders(person)
        messages.success(request, _("Your check-in times are saved."))
        return redirect("programs:times")
    calendar_url = request.build_absolute_uri(
        reverse("programs:calendar", args=[plan.calendar_token])
    )
    status = 400 if request.method == "POST" else 200
    return render(
        request, "programs/times.html", {"form": form, "calendar_url": calendar_url}, status=status
    )


@login_required
@require_POST
def new_calendar_link(request):
    plan = CheckpointPlan.for_person(request.user)
    plan.calendar_token = new_calendar_token()
    plan.save(update_fields=["calendar_token"])
    messages.success(request, _("Here is a new calendar link. The old one no longer works."))
    return redirect("programs:times")


@require_safe
def calendar(request, token):
    """The person's check-ins as an iCalendar feed, on a private link. Generic words only."""
    plan = CheckpointPlan.objects.select_related("person").filter(calendar_token=token).first()
    if plan is None:
        raise Http404
    person = plan.person
    feed = Calendar()
    feed.add("prodid", "-//CoupleSpace//check-ins//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", _("CoupleSpace check-ins"))
    enrollment = Enrollment.objects.for_person(person)
    rule = enrollment.checkpoint_rule(person, plan) if enrollment else None
    if rule:
        zone = person.zone
        start = datetime.combine(person.local_today(), datetime.min.time())
        horizon = start + timedelta(days=CALENDAR_DAYS_KEPT)
        page = request.build_absolute_uri(reverse("programs:checkpoint"))
        slot = next_daily(rule, zone, start - timedelta(minutes=1))
        while slot is not None and slot.local < horizon:
            event = Event()
            event.add("uid", f"{slot.key}-{plan.pk}@couplespace")
            event.add("summary", _("Check-in"))
            event.add("dtstart", slot.local.replace(tzinfo=zone))
            event.add("duration", timedelta(minutes=5))
            event.add("dtstamp", slot.due_at)
            event.add("url", page)
            feed.add_component(event)
            slot = next_daily(rule, zone, slot.local)
        feed.add_missing_timezones()
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
