"""The pages of a program's generic steps (programs/content.py): a wish list each partner marks
privately, a plan a couple writes together, a short log. Every read goes through the models'
scopes; the wish list shows the partner only `WishAnswer.objects.matches`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from couplespace.forms import posted, rejected_status
from programs import program_days
from programs.content import JOINT_PLAN, LOG, WISH_LIST
from programs.models import Enrollment, LogEntry, PlanPart, Program, WishAnswer
from programs.step_forms import NOT_DECIDED, JointPlanForm, LogEntryForm, WishListForm

RECENT_LINES = 30


@login_required
def step(request, slug, key):
    """One step of a program the person follows; 404 for a step the program does not hold."""
    program = get_object_or_404(Program, slug=slug)
    found = program.step(key)
    if found is None:
        raise Http404
    enrollment = Enrollment.objects.for_person(request.user, program)
    if enrollment is None:
        return redirect("programs:path_of", slug=program.slug)
    page = {WISH_LIST: _wish_list, JOINT_PLAN: _joint_plan, LOG: _log}[found["kind"]]
    return page(request, enrollment, found)


def _context(request, enrollment, step, **more):
    """The partner is named when they follow the program with the person: then they read the
    plan and the list of what both welcome, and the page says so."""
    others = [p for p in enrollment.participants(request.user) if p.pk != request.user.pk]
    return {
        "enrollment": enrollment,
        "program": enrollment.program,
        "step": step,
        "partner": others[0] if others else None,
        **more,
    }


def _wish_list(request, enrollment, step):
    person = request.user
    key = step["key"]
    mine = WishAnswer.objects.visible_to(person).filter(enrollment=enrollment, step=key)
    answers = {answer.item: answer for answer in mine}
    form = WishListForm(
        posted(request),
        step=step,
        initial={item: answer.answer for item, answer in answers.items()},
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for item, value in form.cleaned_data.items():
                _answer(person, enrollment, key, item, value, answers.get(item))
        messages.success(request, _("Your answers are saved. Only you can see them."))
        return redirect("programs:step", slug=enrollment.program.slug, key=key)
    welcome = set(WishAnswer.objects.matches(person, enrollment, key))
    matches = [item for item in step["items"] if item["key"] in welcome]
    context = _context(request, enrollment, step, form=form, matches=matches)
    status = rejected_status(request) if request.method == "POST" else 200
    return render(request, "programs/step_wish_list.html", context, status=status)


def _answer(person, enrollment, step: str, item: str, value: str, existing) -> None:
    """Keep, change or take back one answer: "not decided" leaves no row at all."""
    if value == NOT_DECIDED:
        if existing:
            existing.delete()
        return
    if existing is None:
        WishAnswer.objects.create(
            person=person, enrollment=enrollment, step=step, item=item, answer=value
        )
    elif existing.answer != value:
        existing.answer = value
        existing.save(update_fields=["answer", "updated_at"])


def _joint_plan(request, enrollment, step):
    person = request.user
    key = step["key"]
    parts = {
        part.section: part
        for part in PlanPart.objects.visible_to(person)
        .filter(enrollment=enrollment, step=key)
        .select_related("updated_by")
    }
    now = {
        section["key"]: getattr(parts.get(section["key"]), "text", "")
        for section in step["sections"]
    }
    initial = {**now, **{f"{section}__was": text for section, text in now.items()}}
    form = JointPlanForm(posted(request), step=step, initial=initial)
    if request.method == "POST" and form.is_valid():
        partner = person.partner
        form.conflicts(now, partner.name if partner else "")
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for section, text in now.items():
                typed = form.cleaned_data[section]
                if typed != text:
                    PlanPart.objects.update_or_create(
                        enrollment=enrollment,
                        step=key,
                        section=section,
                        defaults={"text": typed, "updated_by": person},
                    )
        messages.success(request, _("Your plan is saved."))
        return redirect("programs:step", slug=enrollment.program.slug, key=key)
    sections = [{"field": field, "part": parts.get(field.name)} for field in form.sections()]
    context = _context(request, enrollment, step, form=form, sections=sections)
    status = rejected_status(request) if request.method == "POST" else 200
    return render(request, "programs/step_joint_plan.html", context, status=status)


def _log(request, enrollment, step):
    person = request.user
    key = step["key"]
    form = LogEntryForm(posted(request), prompt=step["prompt"])
    today = person.local_today()
    day = enrollment.day_number(today)
    started = program_days.has_started(day)
    if request.method == "POST" and started and form.is_valid():
        entry = form.save(commit=False)
        entry.author, entry.enrollment, entry.step = person, enrollment, key
        entry.local_date, entry.day = today, day
        entry.save()
        messages.success(request, _("Noted. Thank you."))
        return redirect("programs:step", slug=enrollment.program.slug, key=key)
    lines = LogEntry.objects.visible_to(person).filter(step=key).select_related("author")
    lines = lines.filter(enrollment__program=enrollment.program)[:RECENT_LINES]
    context = _context(request, enrollment, step, form=form, lines=lines, started=started)
    status = rejected_status(request) if request.method == "POST" else 200
    return render(request, "programs/step_log.html", context, status=status)
