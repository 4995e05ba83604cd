"""What the program offers the core (see couplespace/features.py for the contract)."""

from datetime import timedelta

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from couplespace.features import ClientOverview, PrivacyLine, ShareKind
from couplespace.privacy import partner_sees
from couplespace.reminders import schedule_reminder
from programs import assigning, demo, reminders, today, week_figures
from programs.models import (
    Checkpoint,
    Debrief,
    Enrollment,
    LogEntry,
    OutcomeCheck,
    PlanPart,
    PracticeEntry,
    WeeklyCheckIn,
    WishAnswer,
)

SUMMARY_KINDS = {"checkpoint_summaries", "checkpoint_entries"}


class ProgramsFeature:
    def populate_demo(self, people):
        """Called by the core's `manage.py demo`: alex and sam on day 9, with a week of entries."""
        demo.populate(people)

    def today(self, person):
        return today.part(person)

    def assignable_steps(self):
        return assigning.step_groups()

    def done_since(self, person, keys, since):
        return assigning.done_since(person, keys, since)

    def program_hints(self, person):
        return {}

    def therapist_share_kinds(self):
        return [
            ShareKind(
                "practice_log",
                _("Practice log"),
                "programs:practice_for_therapist",
                _(
                    "Your practice log, line by line, with what you wrote: the moments insecurity "
                    "came up (with whether you sent your signal and how it went), small "
                    "successes and good moments together, the lines you keep private from your "
                    "partner too."
                ),
            ),
            ShareKind(
                "checkpoint_summaries",
                _("Check-in summaries (chart and averages)"),
                "programs:summaries_for_therapist",
                _(
                    "Your check-ins as numbers, week by week: the chart, the average, the lowest "
                    "time of day, the most frequent body response and behaviour, your program "
                    "day, the date of your last check-in and whether your temperature has been "
                    "low. Never what you wrote. It counts the check-ins you keep private from "
                    "your partner too."
                ),
            ),
            ShareKind(
                "checkpoint_entries",
                _("Check-in entries, with what was written"),
                "programs:entries_for_therapist",
                _(
                    "Everything in the check-in summaries, and each check-in in full with what "
                    "you wrote in it, the ones you keep private from your partner too."
                ),
            ),
        ]

    def therapist_overview(self, kinds_by_client):
        return overviews(kinds_by_client)

    def privacy_summary(self, person):
        lines = []
        for kind, model, page in (
            (gettext("Check-ins"), Checkpoint, "programs:checkpoint"),
            (gettext("Practice log"), PracticeEntry, "programs:practice"),
            (gettext("Evening debriefs"), Debrief, "programs:rituals"),
        ):
            if who := partner_sees(person, model.objects.visible_to(person).filter(author=person)):
                lines.append(PrivacyLine(kind, who, reverse(page)))
        return [*lines, *program_steps_privacy(person)]

    def export_data(self, person):
        return {
            "practice_log": list(
                PracticeEntry.objects.visible_to(person)
                .filter(author=person)
                .values(
                    "kind",
                    "local_date",
                    "day",
                    "text",
                    "signal_sent",
                    "partner_responded",
                    "went",
                    "shared_with_partner",
                )
            ),
            "weekly_check_ins": list(
                WeeklyCheckIn.objects.visible_to(person)
                .filter(person=person)
                .values("week", "temperature", "contributed", "created_at")
            ),
            "outcome_checks": list(
                OutcomeCheck.objects.visible_to(person).values("when", "answers", "created_at")
            ),
            "evening_debriefs": list(
                Debrief.objects.visible_to(person)
                .filter(author=person)
                .values("local_date", "high", "low", "shared_with_partner")
            ),
            "program_enrolments": list(
                Enrollment.objects.filter(person=person).values(
                    "program__slug", "start_date", "paused_on", "paused_days"
                )
            ),
            "check_ins": list(
                Checkpoint.objects.visible_to(person)
                .filter(author=person)
                .values("local_date", "day", *Checkpoint.ANSWERS)
            ),
            "wish_list_answers": list(
                WishAnswer.objects.visible_to(person).values(
                    "enrollment__program__slug", "step", "item", "answer", "updated_at"
                )
            ),
            # A plan written together: the sections this person wrote last.
            "plans_written_together": list(
                PlanPart.objects.visible_to(person)
                .filter(updated_by=person)
                .values("enrollment__program__slug", "step", "section", "text", "updated_at")
            ),
            "program_logs": list(
                LogEntry.objects.visible_to(person)
                .filter(author=person)
                .values(
                    "enrollment__program__slug",
                    "step",
                    "local_date",
                    "day",
                    "text",
                    "shared_with_partner",
                )
            ),
        }

    def private_paths(self):
        return [reverse("programs:path")]  # every page of the program is someone's own

    def reminder_kinds(self):
        return reminders.KINDS

    def after_couple_ended(self, couple, members):
        """Each former partner follows the program on their own. The one who started the
        couple's program keeps it; the other carries on with their own entries (what either
        shared stops being shared: `couplespace.privacy.unshare_all`). Then each one's reminders
        follow only their own program, if any."""
        part_ways(couple, members)

    def before_account_deleted(self, person):
        return None  # the couple has ended first: the partner has their own program already


def program_steps_privacy(person) -> list[PrivacyLine]:
    """Who reads the answers and lines of a program's steps: the wish list only its writer
    (the couple sees the items both welcome, never an answer), a log line its writer and, once
    shared, the partner. Each line links to the programs page, where each path leads on."""
    where = reverse("programs:choose")
    lines = []
    if WishAnswer.objects.visible_to(person).exists():
        who = gettext(
            "Only you. Your partner sees only the items you both welcome, never an answer."
        )
        lines.append(PrivacyLine(gettext("Wish list answers"), who, where))
    logged = LogEntry.objects.visible_to(person).filter(author=person)
    total = logged.count()
    if total:
        shared = logged.filter(shared_with_partner=True).count()
        if person.partner is None:
            who = gettext("Only you: you are not in a couple now.")
        else:
            who = gettext(
                "Your partner sees %(shared)s of your %(total)s lines; the rest are private."
            ) % {"shared": shared, "total": total}
        lines.append(PrivacyLine(gettext("Program logs"), who, where))
    return lines


def part_ways(couple, members):
    for enrollment in Enrollment.objects.filter(couple=couple).order_by("created_at"):
        for member in members:
            if member.pk != enrollment.person_id:
                enrollment.carry_on_alone(member)
    for member in members:
        followed = list(Enrollment.objects.followed_by(member))
        for enrollment in followed:
            enrollment.plan_reminders(member)
        planned = {kind.name for enrollment in followed for kind in enrollment.reminder_kinds()}
        for kind in reminders.ENROLMENT_KINDS:
            if kind.name not in planned:
                schedule_reminder(person=member, kind=kind, rule=None)


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
    since = min(todays.values()) - timedelta(days=week_figures.LOW_WINDOW_DAYS)
    temperatures = Checkpoint.objects.filter(
        author__in=ids, local_date__gt=since
    ).temperatures_by_author()
    lines = {}
    for client_id in ids:
        enrollment = followed.get(client_id)
        if enrollment is None:
            lines[client_id] = [gettext("Not following a program.")]
            continue
        today = todays[client_id]
        lines[client_id] = [
            gettext("Program day %(day)s") % {"day": max(enrollment.day_number(today), 0)}
        ]
        if client_id in last_check_in:
            lines[client_id].append(
                gettext("Last check-in: %(date)s") % {"date": last_check_in[client_id].isoformat()}
            )
        if week_figures.needs_support(temperatures.get(client_id, {}), today=today):
            lines[client_id].append(
                gettext("Low temperature: at most %(low)s on five of the last seven days")
                % {"low": week_figures.LOW_TEMPERATURE}
            )
    return {client_id: ClientOverview(read_as[client_id], lines[client_id]) for client_id in ids}
