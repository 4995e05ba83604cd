"""The program's part of the Today page: the check-in due now, a weekly check-in waiting and
today's step, then the next steps, in five queries whatever the history (the program followed,
the check-in times, whether this moment's check-in is saved, whether this week's answer is, the
outcome checks done); today's step of a second program followed costs nothing more."""

from django.urls import reverse

from couplespace.features import TodayCard, TodayPart, TodayPlace
from programs import maintenance, program_days, week_figures
from programs.forms import QuickCheckpointForm
from programs.models import Checkpoint, CheckpointPlan, Enrollment, WeeklyCheckIn
from programs.next_steps import day_url, next_steps


def part(person) -> TodayPart:
    """The programs followed are read once, for the cards and the next steps."""
    followed = list(Enrollment.objects.followed_by(person))
    first = followed[0] if followed else None
    weekly = WeeklyAnswer(person, first)
    return TodayPart(cards(person, followed, weekly), next_steps(person, first, weekly))


class WeeklyAnswer:
    """Whether this week's check-in of the maintenance phase is answered, read at most once."""

    def __init__(self, person, enrollment):
        self.person, self.enrollment = person, enrollment
        self._answered: bool | None = None

    def waiting(self, day: int) -> bool:
        if day < maintenance.FIRST_MAINTENANCE_DAY:
            return False
        if self._answered is None:
            self._answered = (
                WeeklyCheckIn.objects.visible_to(self.person)
                .filter(
                    person=self.person, enrollment=self.enrollment, week=week_figures.week_of(day)
                )
                .exists()
            )
        return not self._answered


def cards(person, followed, weekly: WeeklyAnswer) -> list[TodayCard]:
    """The first program's cards, then today's step of each other program followed."""
    if not followed:
        return [TodayCard(TodayPlace.START, "programs/today/start.html", reverse("programs:path"))]
    today = person.local_today()
    others = [other_step(other, today) for other in followed[1:]]
    return [*first_cards(person, followed[0], weekly), *(card for card in others if card)]


def other_step(enrollment, today) -> TodayCard | None:
    """Today's step of a program followed besides the first, named by its title."""
    day = enrollment.day_number(today)
    if enrollment.is_paused or not program_days.has_started(day):
        return None
    card = todays_step(enrollment, today, day)
    slug = enrollment.program.slug
    url = f"{reverse('programs:path_of', args=[slug])}#day-{day}"
    return TodayCard(
        card.place, card.template, url, {**card.context, "program": enrollment.program}
    )


def first_cards(person, enrollment, weekly: WeeklyAnswer) -> list[TodayCard]:
    path = reverse("programs:path")
    if enrollment.is_paused:
        context = {"enrollment": enrollment}
        return [TodayCard(TodayPlace.STEP, "programs/today/paused.html", path, context)]
    today = person.local_today()
    day = enrollment.day_number(today)
    if not program_days.has_started(day):
        context = {"enrollment": enrollment}
        return [TodayCard(TodayPlace.STEP, "programs/today/not_yet.html", path, context)]
    found = [*weekly_waiting(weekly, day), *check_in_due(person, enrollment, today)]
    return [*found, todays_step(enrollment, today, day)]


def todays_step(enrollment, today, day: int) -> TodayCard:
    context = {
        "day": day,
        "phase": enrollment.phase_today(today),
        "activity": enrollment.program.activity(day),
        "together": enrollment.together,
    }
    url = day_url(day)
    return TodayCard(TodayPlace.STEP, "programs/today/step.html", url, context)


def check_in_due(person, enrollment, today) -> list[TodayCard]:
    """The check-in of the moment the person's times say is due, on the days check-ins run:
    the first week's, and every day after it for someone who kept them."""
    program = enrollment.program
    plan = CheckpointPlan.for_person(person)
    dates = program_days.checkpoint_dates(
        phases=program.phases,
        start=enrollment.start_date,
        today=today,
        paused_days=enrollment.paused_days,
        keep_after=plan.keep_after_phase_one,
    )
    if dates is None or dates[0] != today:
        return []
    moment = plan.moment_now(person.local_now().time())
    done = (
        Checkpoint.objects.visible_to(person)
        .filter(author=person, local_date=today, moment=moment)
        .exists()
    )
    later = [(Checkpoint.Moment(m).label, plan.times[m]) for m in range(moment + 1, 3)]
    context = {
        "moment": Checkpoint.Moment(moment).label,
        "next": later[0] if later else None,
        "form": None if done else QuickCheckpointForm(program=program, initial={"moment": moment}),
    }
    url = reverse("programs:checkpoint")
    return [TodayCard(TodayPlace.CHECK_IN, "programs/today/check_in.html", url, context)]


def weekly_waiting(weekly: WeeklyAnswer, day: int) -> list[TodayCard]:
    if not weekly.waiting(day):
        return []
    url = reverse("programs:weekly")
    return [TodayCard(TodayPlace.PARTNER, "programs/today/weekly.html", url)]
