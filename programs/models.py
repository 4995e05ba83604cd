"""Programs, who follows them, and the phase 1 checkpoints people write."""

import secrets
from datetime import date, time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from couplespace.models import Couple, User
from couplespace.privacy import visible_to
from couplespace.reminders import schedule_reminder
from programs import schedule
from programs.content import read

CHECKPOINT_KIND = "checkpoint"  # registered in programs/reminders.py


def in_language(texts: dict) -> str:
    """A content text in the language of the page, English when there is none."""
    return texts.get(get_language() or "en") or texts.get("en", "")


class ProgramQuerySet(models.QuerySet):
    def load(self, path) -> "Program":
        """Read a program file (raising ContentError if it is wrong) and store it."""
        data = read(path)
        program, _ = self.update_or_create(
            slug=data["slug"], defaults={"title": data["title"]["en"], "content": data}
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
        phase = schedule.checkpoint_phase(self.phases)
        return phase["checkpoints"] if phase else {}

    def body_response_label(self, key: str) -> str:
        for chip in self.checkpoints.get("body_responses", []):
            if chip["key"] == key:
                return in_language(chip["label"])
        return key


class EnrollmentQuerySet(models.QuerySet):
    def for_person(self, person: User) -> "Enrollment | None":
        """The program a person follows: the one they started, or their active couple's."""
        mine = Q(person=person)
        if person.couple:
            mine |= Q(couple=person.couple)
        return self.select_related("program").filter(mine).order_by("-created_at").first()


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

    def day_number(self, today: date) -> int:
        return schedule.day_number(
            start=self.start_date,
            today=today,
            paused_on=self.paused_on,
            paused_days=self.paused_days,
        )

    def phase_today(self, today: date) -> schedule.PhaseDay | None:
        return schedule.phase_of(self.program.phases, self.day_number(today))

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

    def plan_reminders(self, person: User) -> None:
        """Plan each participant's checkpoint reminders from today, in their own zone."""
        for participant in self.participants(person):
            rule = self.checkpoint_rule(participant, CheckpointPlan.for_person(participant))
            schedule_reminder(person=participant, kind=CHECKPOINT_KIND, rule=rule)

    def checkpoint_rule(self, participant: User, plan: "CheckpointPlan") -> dict | None:
        """When a participant's checkpoints fall from today on, as a daily reminder rule."""
        if self.is_paused:
            return None
        dates = schedule.checkpoint_dates(
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
    morning = models.TimeField(_("morning check-in"), default=time(8))
    midday = models.TimeField(_("midday check-in"), default=time(13))
    evening = models.TimeField(_("evening check-in"), default=time(21))
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


class CheckpointQuerySet(models.QuerySet):
    def visible_to(self, person: User) -> "CheckpointQuerySet":
        return visible_to(self, person)


class Checkpoint(models.Model):
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
    affected = models.TextField(_("what affected it"), blank=True, max_length=1000)
    body_responses = models.JSONField(_("body response"), default=list, blank=True)
    body_note = models.CharField(_("in your own words"), max_length=200, blank=True)
    behaviour = models.CharField(_("toward your partner"), max_length=10, choices=Behaviour)
    behaviour_note = models.CharField(_("what else"), max_length=200, blank=True)
    shared_with_partner = models.BooleanField(_("share with my partner"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CheckpointQuerySet.as_manager()

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
