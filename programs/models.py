"""Programs, who follows them, and the phase 1 checkpoints people write."""

import secrets
from collections.abc import Callable
from datetime import date, time
from functools import partial

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from couplespace.encryption import EncryptedCharField, EncryptedJSONField, EncryptedTextField
from couplespace.languages import in_reader_language
from couplespace.models import Couple, Membership, User
from couplespace.privacy import (
    OnlyItsWriter,
    SharedByItsWriter,
    SharedWithPartner,
    couple_of,
    partner_of,
)
from couplespace.reminders import schedule_reminder
from couplespace.wallclock import EVENING, monthly_on, weekly_on
from programs import program_days
from programs.content import last_closed_day, read, steps_of
from programs.maintenance import FIRST_MAINTENANCE_DAY
from programs.reminders import (
    CHECKPOINT_REMINDER,
    DAILY_STEP_REMINDER,
    EVENING_DEBRIEF_REMINDER,
    MONTHLY_REVIEW_REMINDER,
    MORNING_CONNECTION_REMINDER,
    WEEKLY_CHECK_IN_REMINDER,
)
from programs.week_figures import week_of


class ProgramQuerySet(models.QuerySet):
    def load(self, path) -> "Program":
        """Read a program file (raising ContentError if it is wrong) and store it."""
        data = read(path)
        title = data["title"][settings.LANGUAGE_CODE]
        program, _ = self.update_or_create(
            slug=data["slug"], defaults={"title": title, "content": data}
        )
        return program


class Program(models.Model):
    """A program's content as loaded from its file by `manage.py load_programs`."""

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    content = models.JSONField()
    loaded_at = models.DateTimeField(auto_now=True)

    objects = ProgramQuerySet.as_manager()

    def __str__(self) -> str:
        return self.title

    @property
    def phases(self) -> list[dict]:
        return self.content["phases"]

    def activity(self, day: int) -> dict | None:
        return next((a["text"] for a in self.content["activities"] if a["day"] == day), None)

    @property
    def checkpoints(self) -> dict:
        phase = program_days.checkpoint_phase(self.phases)
        return phase["checkpoints"] if phase else {}

    def steps(self) -> list[tuple[dict, dict]]:
        """The program's steps (wish list, joint plan, log …), each with its phase."""
        return steps_of(self.content)

    def step(self, key: str) -> dict | None:
        return next((step for _phase, step in self.steps() if step["key"] == key), None)

    def start_phase_for(self, hints: dict[str, str]) -> dict | None:
        """The phase the program suggests starting with, from what the features know of the
        person (`couplespace.features.program_hints`); None when it suggests nothing."""
        start_at = self.content.get("start_at")
        if not start_at:
            return None
        key = start_at["phases"].get(hints.get(start_at["hint"], ""))
        return next((phase for phase in self.phases if phase["key"] == key), None)

    def body_response_label(self, key: str) -> str:
        for chip in self.checkpoints.get("body_responses", []):
            if chip["key"] == key:
                return in_reader_language(chip["label"])
        return key


class EnrollmentQuerySet(models.QuerySet):
    def followed_by(self, person: User) -> "EnrollmentQuerySet":
        """Every enrolment a person follows: the ones they started and their active couple's.
        A person may follow each program once, and both programs at the same time."""
        mine = Q(person=person)
        if person.couple:
            mine |= Q(couple=person.couple)
        return self.select_related("program").filter(mine).order_by("program_id", "-created_at")

    def for_person(self, person: User, program: "Program | str | None" = None):
        """The enrolment a person follows in `program` (a Program or its slug); without one,
        in the first program they follow (the check-in pages and summaries read that one)."""
        followed = self.followed_by(person)
        if isinstance(program, str):
            followed = followed.filter(program__slug=program)
        elif program is not None:
            followed = followed.filter(program=program)
        return followed.first()

    def for_people(self, ids: list[int]) -> "dict[int, Enrollment]":
        """`for_person` for many people at once, in two queries: person id -> their program."""
        couple_of = dict(
            Membership.objects.filter(person__in=ids, active=True).values_list("person", "couple")
        )
        newest_first = self.filter(Q(person__in=ids) | Q(couple__in=couple_of.values()))
        followed: dict[int, Enrollment] = {}
        for enrollment in newest_first.order_by("program_id", "-created_at"):
            for person_id in ids:
                mine = enrollment.person_id == person_id or (
                    enrollment.couple_id and enrollment.couple_id == couple_of.get(person_id)
                )
                if mine:
                    followed.setdefault(person_id, enrollment)
        return followed


class Enrollment(models.Model):
    """Someone following a program, alone or as a couple, from a start date on."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="enrollments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    couple = models.ForeignKey(
        Couple, null=True, blank=True, on_delete=models.CASCADE, related_name="enrollments"
    )
    start_date = models.DateField(_("start date"))
    paused_on = models.DateField(null=True, blank=True)
    paused_days = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    objects = EnrollmentQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.person} in {self.program_id} from {self.start_date}"

    @property
    def together(self) -> bool:
        return self.couple_id is not None

    @property
    def is_paused(self) -> bool:
        return self.paused_on is not None

    def participants(self, person: User) -> list[User]:
        """Who follows it: the person, and their partner when they enrolled as a couple."""
        if self.together and person.couple and person.couple.pk == self.couple_id:
            return [person, *([person.partner] if person.partner else [])]
        return [person]

    def day_today(self, person: User) -> int:
        """The program day it is today on the person's own calendar."""
        return self.day_number(person.local_today())

    def day_number(self, today: date) -> int:
        return program_days.day_number(
            start=self.start_date,
            today=today,
            paused_on=self.paused_on,
            paused_days=self.paused_days,
        )

    def phase_today(self, today: date) -> program_days.PhaseDay | None:
        return program_days.phase_of(self.program.phases, self.day_number(today))

    @transaction.atomic
    def pause(self, person: User) -> None:
        if self.is_paused:
            return
        self.paused_on = person.local_today()
        self.save(update_fields=["paused_on"])
        self.plan_reminders(person)

    @transaction.atomic
    def resume(self, person: User) -> None:
        if not self.is_paused:
            return
        self.paused_days += (person.local_today() - self.paused_on).days
        self.paused_on = None
        self.save(update_fields=["paused_on", "paused_days"])
        self.plan_reminders(person)

    @transaction.atomic
    def carry_on_alone(self, person: User) -> "Enrollment":
        """After a break-up, the partner who did not start this couple's program follows it on
        their own, from the same day and with the same pauses, and takes their entries along,
        and a copy of the plans the two wrote together (both read them; each keeps theirs)."""
        own = Enrollment.objects.create(
            program=self.program,
            person=person,
            start_date=self.start_date,
            paused_on=self.paused_on,
            paused_days=self.paused_days,
            created_at=self.created_at,  # where it was among the person's programs
        )
        Checkpoint.objects.filter(enrollment=self, author=person).update(enrollment=own)
        PracticeEntry.objects.filter(enrollment=self, author=person).update(enrollment=own)
        WeeklyCheckIn.objects.filter(enrollment=self, person=person).update(enrollment=own)
        OutcomeCheck.objects.filter(enrollment=self, person=person).update(enrollment=own)
        WishAnswer.objects.filter(enrollment=self, person=person).update(enrollment=own)
        LogEntry.objects.filter(enrollment=self, author=person).update(enrollment=own)
        PlanPart.objects.bulk_create(
            PlanPart(
                enrollment=own,
                step=part.step,
                section=part.section,
                text=part.text,
                updated_by=part.updated_by,
            )
            for part in PlanPart.objects.filter(enrollment=self)
        )
        return own

    def reminder_kinds(self) -> list:
        """The reminders this program holds: the day's step for a program that asks for it,
        checkpoints for one with check-ins, the weekly check-in and the monthly review for one
        with an open-ended last phase (keeping it going)."""
        phases = self.program.phases
        kinds = []
        if self.program.content.get("daily_reminder"):
            kinds.append(DAILY_STEP_REMINDER)
        if program_days.checkpoint_phase(phases):
            kinds.append(CHECKPOINT_REMINDER)
        if phases[-1]["days"][1] is None:
            kinds += [WEEKLY_CHECK_IN_REMINDER, MONTHLY_REVIEW_REMINDER]
        return kinds

    def plan_reminders(self, person: User) -> None:
        """Plan each participant's reminders of this program, in their own zone. The kinds it
        does not hold are left alone: they may belong to the person's other program."""
        for participant in self.participants(person):
            for kind in self.reminder_kinds():
                schedule_reminder(
                    person=participant, kind=kind, rule=self.reminder_rule(kind, participant)
                )

    def reminder_rule(self, kind, participant: User) -> dict | None:
        if kind is CHECKPOINT_REMINDER:
            return self.checkpoint_rule(participant, CheckpointPlan.for_person(participant))
        rules = {
            DAILY_STEP_REMINDER.name: self.daily_step_rule,
            WEEKLY_CHECK_IN_REMINDER.name: self.weekly_rule,
            MONTHLY_REVIEW_REMINDER.name: self.monthly_review_rule,
        }
        return rules[kind.name]()

    def daily_step_rule(self) -> dict | None:
        """Every evening from today's day to the program's last closed day; none while paused."""
        if self.is_paused:
            return None
        last = program_days.date_of_day(
            start=self.start_date,
            day=last_closed_day(self.program.phases),
            paused_days=self.paused_days,
        )
        return {"times": [EVENING], "from": self.start_date.isoformat(), "until": last.isoformat()}

    def first_maintenance_date(self) -> date:
        return program_days.date_of_day(
            start=self.start_date, day=FIRST_MAINTENANCE_DAY, paused_days=self.paused_days
        )

    def weekly_rule(self) -> dict | None:
        """Every week from the first day of maintenance, on that weekday, in the evening."""
        return self.from_maintenance(weekly_on)

    def monthly_review_rule(self) -> dict | None:
        """Every month from the first day of maintenance, on that day of the month (the 28th at
        the latest), in the evening: for a couple or for someone following alone."""
        return self.from_maintenance(monthly_on)

    def from_maintenance(self, every: Callable[[date], dict]) -> dict | None:
        """The rule `every(first day)` from the first day of maintenance on; none while paused."""
        if self.is_paused:
            return None
        first = self.first_maintenance_date()
        return {**every(first), "from": first.isoformat()}

    def follows_alone(self, person: User) -> bool:
        """Whether `person` does the couple steps as reflection exercises: they enrolled alone,
        their partner is gone, or they told us privately that they fear their partner."""
        if not self.together or person.couple is None or person.couple.pk != self.couple_id:
            return True
        return person.partner is None or person.feels_afraid_of_partner()

    def checkpoint_rule(self, participant: User, plan: "CheckpointPlan") -> dict | None:
        """When a participant's checkpoints fall from today on, as a daily reminder rule."""
        if self.is_paused:
            return None
        dates = program_days.checkpoint_dates(
            phases=self.program.phases,
            start=self.start_date,
            today=participant.local_today(),
            paused_days=self.paused_days,
            keep_after=plan.keep_after_phase_one,
        )
        if dates is None:
            return None
        return {
            "times": plan.time_strings(),
            "from": dates[0].isoformat(),
            "until": dates[1].isoformat() if dates[1] else None,
        }


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CheckpointPlan(models.Model):
    """A person's three checkpoint times, and their private calendar link."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkpoint_plan"
    )
    # Callable defaults: Django warns (fields.W161) about a fixed time default whenever the
    # clock is within ten seconds of it, which made `check --deploy` fail at those moments.
    morning = models.TimeField(_("morning check-in"), default=partial(time, 8))
    midday = models.TimeField(_("midday check-in"), default=partial(time, 13))
    evening = models.TimeField(_("evening check-in"), default=partial(time, 21))
    keep_after_phase_one = models.BooleanField(
        _("keep the reminders after the first week"), default=False
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)

    def __str__(self) -> str:
        return f"Checkpoint times of {self.person_id}"

    @classmethod
    def for_person(cls, person: User) -> "CheckpointPlan":
        plan, _ = cls.objects.get_or_create(person=person)
        return plan

    @property
    def times(self) -> list[time]:
        return [self.morning, self.midday, self.evening]

    def time_strings(self) -> list[str]:
        return [moment.strftime("%H:%M") for moment in self.times]

    def moment_now(self, now: time) -> int:
        """The check-in a person is most likely filling in: the last one whose time has come."""
        passed = [index for index, moment in enumerate(self.times) if moment <= now]
        return passed[-1] if passed else 0


class CheckpointQuerySet(SharedByItsWriter):
    """The one scope for check-ins (`visible_to`): one's own, and what one's partner shared."""

    def temperatures_by_author(self) -> dict[int, dict[date, list[int]]]:
        """Author id -> local date -> that day's temperatures, for `week_figures.needs_support`."""
        temperatures: dict[int, dict[date, list[int]]] = {}
        for author, local_date, temperature in self.values_list(
            "author", "local_date", "temperature"
        ):
            temperatures.setdefault(author, {}).setdefault(local_date, []).append(temperature)
        return temperatures


class Checkpoint(SharedWithPartner):
    """One check-in: how secure the author feels, what moved it, body and behaviour.

    Private to its author unless they share it with their partner.
    """

    class Moment(models.IntegerChoices):
        MORNING = 0, _("Morning")
        MIDDAY = 1, _("Midday")
        EVENING = 2, _("Evening")

    class Behaviour(models.TextChoices):
        APPROACH = "approach", _("Move closer")
        WITHDRAW = "withdraw", _("Pull back")
        OTHER = "other", _("Something else")

    # What the author answers: the check-in form asks these, the export gives them back.
    ANSWERS = (
        "moment",
        "temperature",
        "affected",
        "body_responses",
        "body_note",
        "behaviour",
        "behaviour_note",
        "shared_with_partner",
    )

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkpoints"
    )
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="checkpoints")
    local_date = models.DateField()
    day = models.PositiveSmallIntegerField()
    moment = models.PositiveSmallIntegerField(_("check-in"), choices=Moment)
    temperature = models.PositiveSmallIntegerField(
        _("security temperature"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    affected = EncryptedTextField(
        _("what affected it"), blank=True, max_length=1000, owner="author_id"
    )
    body_responses = models.JSONField(_("body response"), default=list, blank=True)
    body_note = EncryptedCharField(
        _("in your own words"), max_length=200, blank=True, owner="author_id"
    )
    behaviour = models.CharField(_("toward your partner"), max_length=10, choices=Behaviour)
    behaviour_note = EncryptedCharField(
        _("what else"), max_length=200, blank=True, owner="author_id"
    )
    # The key the form was sent with: a check-in kept on a device while offline may arrive
    # more than once (sent again after a lost answer), and is saved once (see the view).
    client_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CheckpointQuerySet.as_manager()
    shared_place = 1  # the partner's page shows shared check-ins first, on their week board

    class Meta:
        ordering = ["-local_date", "-moment"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "local_date", "moment"], name="one_checkpoint_per_moment"
            ),
            models.CheckConstraint(
                condition=Q(temperature__gte=0, temperature__lte=10),
                name="temperature_from_0_to_10",
            ),
        ]
        indexes = [models.Index(fields=["author", "day"], name="checkpoints_by_day")]

    def __str__(self) -> str:
        return f"Checkpoint by {self.author_id} on {self.local_date}"

    def get_absolute_url(self) -> str:
        return reverse("programs:checkpoint") + f"?week={week_of(self.day)}"

    def save_for_its_moment(self) -> None:
        """Save the check-in. If another of the same moment was saved meanwhile (two taps at
        once, or two devices), that one takes this one's answers: one check-in per moment, the
        latest answers, and never an error for the person."""
        if self.pk is not None:  # an answer changed: no other check-in can take its moment
            self.save()
            return
        try:
            with transaction.atomic():
                self.save()
        except IntegrityError:
            self.pk = (
                Checkpoint.objects.filter(
                    author_id=self.author_id, local_date=self.local_date, moment=self.moment
                )
                .values_list("pk", flat=True)
                .first()
            )
            if self.pk is None:
                raise
            kept = [
                f.name for f in self._meta.concrete_fields if f.name not in ("id", "created_at")
            ]
            self.save(update_fields=kept)

    def validate_constraints(self, exclude=None):
        """The temperature's range constraint says what its field's validators say, and
        full_clean checks those without a query; the database is asked only about the rest (a
        form saving a check-in used to spend a query on it)."""
        super().validate_constraints(exclude={*(exclude or ()), "temperature"})


# Phases 4 and 5: practice, maintenance, rituals and the outcome check. Each kind is private to
# its author; the one scoping method on its queryset says who else may read it, and every view
# goes through that method.


class PracticeEntry(SharedWithPartner):
    """One line of the practice log: a moment insecurity came up, a small success, a deposit.
    Private to its author unless they share it with their partner."""

    class Kind(models.TextChoices):
        MOMENT = "moment", _("Insecurity came up")
        SUCCESS = "success", _("A small success")
        DEPOSIT = "deposit", _("A good moment together")

    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")

    class Outcome(models.TextChoices):
        BETTER = "better", _("Better than it used to")
        MIXED = "mixed", _("Partly")
        HARD = "hard", _("Still hard")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_entries"
    )
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="practice_entries"
    )
    kind = models.CharField(_("what to log"), max_length=10, choices=Kind, default=Kind.MOMENT)
    local_date = models.DateField()
    day = models.PositiveSmallIntegerField()
    text = EncryptedTextField(_("what happened"), max_length=1000, owner="author_id")
    signal_sent = models.CharField(
        _("did you send your signal?"), max_length=3, choices=Answer, blank=True
    )
    partner_responded = models.CharField(
        _("did your partner respond?"), max_length=3, choices=Answer, blank=True
    )
    went = models.CharField(_("how did it go?"), max_length=10, choices=Outcome, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SharedByItsWriter.as_manager()
    shared_template = "programs/_practice_row.html"
    shared_place = 2

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["author", "kind"], name="practice_by_author_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} by {self.author_id} on {self.local_date}"

    def get_absolute_url(self) -> str:
        return reverse("programs:practice")

    @classmethod
    def shared_sections(cls, entries):
        """The good moments, the small successes, the moments insecurity came up: apart."""
        return [
            (heading, of_kind)
            for kind, heading in SHARED_PRACTICE_HEADINGS.items()
            if (of_kind := [entry for entry in entries if entry.kind == kind])
        ]


SHARED_PRACTICE_HEADINGS = {
    PracticeEntry.Kind.DEPOSIT: _("Good moments together"),
    PracticeEntry.Kind.SUCCESS: _("Small successes"),
    PracticeEntry.Kind.MOMENT: _("When insecurity came up"),
}


class WeeklyCheckInQuerySet(models.QuerySet):
    def visible_to(self, person: User) -> "WeeklyCheckInQuerySet":
        """The one scope for weekly check-ins: a person's own, and their current partner's for
        a week of the same program whose two answers were revealed (see `reveal_week`).

        Whether a week is revealed is decided once, when its second answer arrives, and never
        taken back: a private answer to the safety question given later changes nothing the
        partner has seen, so the partner cannot infer it from an answer that disappeared.
        """
        revealed = Q(
            person__in=partner_of(person),
            enrollment__couple__in=couple_of(person),
            revealed_at__isnull=False,
        )
        return self.filter(Q(person=person) | revealed)


class WeeklyCheckIn(models.Model):
    """A person's weekly temperature (1 to 10) and what contributed to it."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_check_ins"
    )
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="weekly_check_ins"
    )
    week = models.PositiveSmallIntegerField()
    temperature = models.PositiveSmallIntegerField(
        _("this week, how secure do you feel with each other?"),
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    contributed = EncryptedTextField(
        _("what contributed to that?"), max_length=1000, blank=True, owner="person_id"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Whether the page said, when it was saved, that the partner would see it: not while its
    # writer followed alone (alone, partner gone, or afraid of the partner).
    for_partner = models.BooleanField(default=True)
    revealed_at = models.DateTimeField(null=True, blank=True)

    objects = WeeklyCheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "enrollment", "week"], name="one_weekly_check_in_per_week"
            ),
            models.CheckConstraint(
                condition=Q(temperature__gte=1, temperature__lte=10),
                name="weekly_temperature_from_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"Week {self.week} of {self.person_id}"

    @transaction.atomic
    def save_answer(self) -> None:
        """Save this week's answer as the page described it, then reveal the week if it can be."""
        self.for_partner = not self.enrollment.follows_alone(self.person)
        self.save()
        self.reveal_week()

    def reveal_week(self) -> None:
        """Show the week's two answers to both partners at the same moment, once both have
        answered for the other to see and neither follows alone now.

        A revealed week stays revealed. A week that was not (one of them told us privately that
        they fear the other, before the second answer came) never is: to the partner it looks
        exactly like a week the other has not answered, and what was written privately stays so.
        """
        partner = self.person.partner
        if self.revealed_at or not self.for_partner or partner is None:
            return
        if self.enrollment.follows_alone(self.person) or self.enrollment.follows_alone(partner):
            return
        theirs = WeeklyCheckIn.objects.filter(
            person=partner, enrollment=self.enrollment, week=self.week, for_partner=True
        )
        if theirs.exists():
            self.revealed_at = timezone.now()
            pair = Q(pk=self.pk) | Q(pk__in=theirs.values("pk"))
            WeeklyCheckIn.objects.filter(pair).update(revealed_at=self.revealed_at)


class OutcomeCheckQuerySet(OnlyItsWriter):
    """The one scope for outcome checks: only the person who answered."""

    writer = "person"


class OutcomeCheck(models.Model):
    """The short relationship-satisfaction check, answered at the start and on day 28.

    The answers are what a person says of their relationship, read only by them (and summed
    over everyone, in Python, by `outcome_report`): stored encrypted with their key."""

    class When(models.TextChoices):
        START = "start", _("At the start")
        END = "end", _("On day 28")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outcome_checks"
    )
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="outcome_checks"
    )
    when = models.CharField(max_length=5, choices=When)
    answers = EncryptedJSONField(default=dict, owner="person_id")
    created_at = models.DateTimeField(default=timezone.now)

    objects = OutcomeCheckQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "enrollment", "when"], name="one_outcome_check_each_time"
            )
        ]

    def __str__(self) -> str:
        return f"Outcome {self.when} of {self.person_id}"


class RitualPlan(models.Model):
    """The optional daily rituals a person chose, each with its own reminder."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ritual_plan"
    )
    morning_on = models.BooleanField(_("remind me of the morning connection"), default=False)
    morning_at = models.TimeField(_("morning connection at"), default=partial(time, 7, 30))
    evening_on = models.BooleanField(_("remind me of the evening debrief"), default=False)
    evening_at = models.TimeField(_("evening debrief at"), default=partial(time, 21, 30))

    def __str__(self) -> str:
        return f"Rituals of {self.person_id}"

    @classmethod
    def for_person(cls, person: User) -> "RitualPlan":
        plan, _ = cls.objects.get_or_create(person=person)
        return plan

    def plan_reminders(self) -> None:
        """Each ritual's daily reminder, or none when it is switched off."""
        for kind, on, at in (
            (MORNING_CONNECTION_REMINDER, self.morning_on, self.morning_at),
            (EVENING_DEBRIEF_REMINDER, self.evening_on, self.evening_at),
        ):
            rule = {"times": [at.strftime("%H:%M")]} if on else None
            schedule_reminder(person=self.person, kind=kind, rule=rule)


class Debrief(SharedWithPartner):
    """An evening debrief: one high and one low of the day, noted for oneself unless its author
    shares it with their partner."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="debriefs"
    )
    local_date = models.DateField()
    high = EncryptedCharField(_("one high of today"), max_length=300, owner="author_id")
    low = EncryptedCharField(_("one low of today"), max_length=300, blank=True, owner="author_id")
    created_at = models.DateTimeField(default=timezone.now)

    objects = SharedByItsWriter.as_manager()
    shared_template = "programs/_debrief_row.html"
    shared_heading = _("Evening debriefs")
    shared_place = 3

    class Meta:
        ordering = ["-local_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["author", "local_date"], name="one_debrief_a_day")
        ]

    def __str__(self) -> str:
        return f"Debrief of {self.author_id} on {self.local_date}"

    def get_absolute_url(self) -> str:
        return reverse("programs:rituals")


# The generic steps a program file may hold (programs/content.py): a wish list each partner marks
# privately, a plan a couple writes together, a short log. Their words are the file's; these
# models keep only what people answered and wrote, under the step's key.


class WishAnswerQuerySet(OnlyItsWriter):
    """The one scope for wish-list answers: only the person who gave them. What the couple sees
    of them is `matches`, which names items and never an answer."""

    writer = "person"

    def matches(self, person: User, enrollment: "Enrollment", step: str) -> list[str]:
        """The items of a wish list that the person and their partner, following it together,
        both marked yes or maybe. It says nothing else: an item one of them marked no reads
        exactly as an item not answered yet, so a "no" can never be seen or inferred."""
        partner = person.partner
        if not enrollment.together or partner is None or person.couple.pk != enrollment.couple_id:
            return []
        welcome: dict[int, set[str]] = {person.pk: set(), partner.pk: set()}
        for answer in self.filter(enrollment=enrollment, step=step, person__in=welcome):
            if answer.answer in WishAnswer.WELCOME:
                welcome[answer.person_id].add(answer.item)
        return sorted(welcome[person.pk] & welcome[partner.pk])


class WishAnswer(models.Model):
    """One person's private answer to one item of a wish list."""

    class Answer(models.TextChoices):
        YES = "yes", pgettext_lazy("wish list answer", "Yes")
        MAYBE = "maybe", pgettext_lazy("wish list answer", "Maybe")
        NO = "no", pgettext_lazy("wish list answer", "No")

    WELCOME = {Answer.YES, Answer.MAYBE}

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wish_answers"
    )
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="wish_answers"
    )
    step = models.CharField(max_length=50)
    item = models.CharField(max_length=50)
    answer = EncryptedCharField(max_length=5, choices=Answer, owner="person_id")
    updated_at = models.DateTimeField(auto_now=True)

    objects = WishAnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "enrollment", "step", "item"], name="one_answer_per_wish"
            )
        ]

    def __str__(self) -> str:
        return f"Wish {self.item} of {self.person_id}"


class PlanPartQuerySet(models.QuerySet):
    def visible_to(self, person: User) -> "PlanPartQuerySet":
        """The one scope for a plan written together: the person who started the program and,
        while they are a couple, the partner they follow it with."""
        return self.filter(
            Q(enrollment__person=person)
            | Q(enrollment__couple__in=couple_of(person), enrollment__couple__isnull=False)
        )


class PlanPart(models.Model):
    """One section of a plan a couple writes together (the safety plan), as it reads now."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="plan_parts")
    step = models.CharField(max_length=50)
    section = models.CharField(max_length=50)
    text = EncryptedTextField(max_length=2000, blank=True, owner="enrollment.person_id")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanPartQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "step", "section"], name="one_text_per_plan_section"
            )
        ]

    def __str__(self) -> str:
        return f"{self.step}/{self.section} of {self.enrollment_id}"


class LogEntry(SharedWithPartner):
    """One line of a program's log (the touch log). Private to its author unless they share it
    with their partner, line by line, as a check-in is shared."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="log_entries"
    )
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="log_entries")
    step = models.CharField(max_length=50)
    local_date = models.DateField()
    day = models.PositiveSmallIntegerField()
    text = EncryptedTextField(_("what happened"), max_length=500, owner="author_id")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SharedByItsWriter.as_manager()
    shared_template = "programs/_log_row.html"
    shared_heading = _("Program log lines")
    shared_place = 5

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.step} line by {self.author_id} on {self.local_date}"

    def get_absolute_url(self) -> str:
        return reverse("programs:step", args=[self.enrollment.program.slug, self.step])
