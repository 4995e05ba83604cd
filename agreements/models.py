"""The security agreement: two-sided, versioned, active only when both accept the same version."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.clauses import KINDS, PAUSE_LIMIT_MINUTES
from agreements.diff import ClauseText
from couplespace.encryption import EncryptedCharField, EncryptedTextField
from couplespace.models import Couple
from couplespace.privacy import OnlyItsParties, SharedByItsWriter, SharedWithPartner


class HeldTogether(OnlyItsParties):
    """What a couple holds together (an agreement, a dialogue): its parties read it, and each
    change is made on its row, locked."""

    def locked(self, pk: int):
        """The row again, locked until the transaction ends, with its couple."""
        return self.select_for_update(of=("self",)).select_related("couple").get(pk=pk)


class Agreement(models.Model):
    """One couple's agreement. It outlives the couple: after a break-up both keep it, archived."""

    couple = models.ForeignKey(
        Couple, null=True, on_delete=models.SET_NULL, related_name="agreements"
    )
    parties = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="agreements")
    created_at = models.DateTimeField(default=timezone.now)
    active_version = models.ForeignKey(
        "Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activated_at = models.DateTimeField(null=True, blank=True)

    objects = HeldTogether.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return f"Agreement {self.pk}"

    @property
    def reminder_topic(self) -> str:
        """Its monthly review reminders are filed under this topic."""
        return f"agreement:{self.pk}"

    @classmethod
    def for_couple(cls, couple: Couple) -> "Agreement":
        agreement, created = cls.objects.get_or_create(couple=couple)
        if created:
            agreement.parties.set(couple.members)
        return agreement

    @property
    def is_archived(self) -> bool:
        """Read-only once the couple has ended: each keeps a copy, neither can change it."""
        return self.couple_id is None or self.couple.ended_at is not None

    @property
    def latest_version(self) -> "Version | None":
        return self.versions.order_by("-number").first()

    def activate(self, version: "Version") -> None:
        self.active_version = version
        self.activated_at = timezone.now()
        self.save(update_fields=["active_version", "activated_at"])

    def pause_limit_minutes(self) -> int:
        """The longest pause the active version allows: its shortest pause rule, or 60."""
        if self.active_version is None:
            return PAUSE_LIMIT_MINUTES
        limits = [
            clause.minutes
            for clause in self.active_version.clauses.all()
            if clause.kind == "pause_rule" and clause.minutes
        ]
        return min(limits, default=PAUSE_LIMIT_MINUTES)


class Version(models.Model):
    """A frozen set of clauses. Versions never change; editing makes the next one."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    note = EncryptedCharField(
        _("what changed and why"), max_length=300, blank=True, owner="created_by_id"
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="one_number_per_version")
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of agreement {self.agreement_id}"

    def clause_texts(self) -> list[ClauseText]:
        return [clause.as_text() for clause in self.clauses.all()]

    def accepted_by(self) -> set[int]:
        return {acceptance.person_id for acceptance in self.acceptances.all()}


def new_clause_key() -> str:
    return secrets.token_hex(6)


class Clause(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="clauses")
    position = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=32, default=new_clause_key)
    kind = models.CharField(_("kind"), max_length=40, choices=list(KINDS.items()))
    text = EncryptedTextField(_("what we agree"), max_length=1000, owner="version.created_by_id")
    minutes = models.PositiveSmallIntegerField(_("pause length in minutes"), null=True, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text[:40]}"

    def as_text(self) -> ClauseText:
        return ClauseText(key=self.key, kind=self.kind, text=self.text, minutes=self.minutes)


class Acceptance(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="acceptances")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "person"], name="one_acceptance_each")
        ]

    def __str__(self) -> str:
        return f"{self.person} accepted {self.version}"


class Signal(models.Model):
    """One partner's agreed signal: "I feel unsafe, I need you". The other answers "I'm here"."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signals")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"Signal {self.pk}"

    @property
    def reminder_topic(self) -> str:
        """The partner's reminder of this signal is filed under this topic."""
        return f"signal:{self.pk}"

    @property
    def response_time(self):
        return self.answered_at - self.sent_at if self.answered_at else None


class Pause(models.Model):
    """ "I need a pause": time out of a hard conversation, always followed by a return."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="pauses")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()
    returned_at = models.DateTimeField(null=True, blank=True)
    return_note = EncryptedTextField(
        _("How did it go?"), max_length=500, blank=True, owner="asked_by_id"
    )

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Pause {self.pk}"

    def is_asked_by(self, person) -> bool:
        return person is not None and self.asked_by_id == person.pk

    def awaits_return(self, now=None) -> bool:
        """Over, and the one who asked for it has not noted their return yet."""
        return self.returned_at is None and (now or timezone.now()) >= self.ends_at

    @property
    def reminder_topic(self) -> str:
        """The end-of-pause reminders are filed under this topic."""
        return f"pause:{self.pk}"

    @property
    def minutes(self) -> int:
        return round((self.ends_at - self.started_at).total_seconds() / 60)

    def is_running(self, now=None) -> bool:
        return self.returned_at is None and (now or timezone.now()) < self.ends_at


class Dialogue(models.Model):
    """The needs dialogue, the road to the agreement: prepare alone, then take turns.

    A couple's dialogue has both partners as parties. A person without a partner has a solo
    dialogue (no couple, one party): preparing is then a reflection, and nobody else reads it.

    Couples come back to their needs, so a couple may hold many dialogues, one after another:
    at most one is open at a time (the constraint below). A dialogue closes when both have been
    heard, or when the couple sets it aside to start a new one; a closed one stays readable
    and takes no more words.
    """

    couple = models.ForeignKey(
        Couple, null=True, blank=True, on_delete=models.CASCADE, related_name="dialogues"
    )
    parties = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="dialogues")
    first_speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = HeldTogether.as_manager()

    class Meta:
        verbose_name = _("needs dialogue")
        verbose_name_plural = _("needs dialogues")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["couple"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_dialogue_per_couple",
            )
        ]

    def __str__(self) -> str:
        return f"Dialogue {self.pk}"

    @property
    def reminder_topic(self) -> str:
        """The turn reminders of this dialogue are filed under this topic."""
        return f"dialogue:{self.pk}"

    @property
    def is_solo(self) -> bool:
        return self.couple_id is None

    @property
    def is_archived(self) -> bool:
        """Once the couple has ended, each keeps only their own words, read-only."""
        return self.couple_id is not None and self.couple.ended_at is not None

    @property
    def is_open(self) -> bool:
        """Still taking words: not closed, and its couple (if any) has not ended."""
        return self.closed_at is None and not self.is_archived

    def close(self, when=None) -> None:
        """Closed for good: it stays readable, and the couple may open the next one."""
        self.closed_at = when or timezone.now()
        self.save(update_fields=["closed_at"])


class Need(models.Model):
    """One prepared pair: what a person is afraid of, and what they need."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="needs")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()
    afraid_of = EncryptedTextField(_("I’m afraid of …"), max_length=1000, owner="person_id")
    need = EncryptedTextField(_("I need …"), max_length=1000, owner="person_id")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"Need {self.position} of {self.person_id} in dialogue {self.dialogue_id}"


class Reply(models.Model):
    """One line of a turn: the listener's "what I heard", or the speaker's answer to it."""

    class Kind(models.TextChoices):
        HEARD = "heard", _("what I heard")
        CONFIRMED = "confirmed", _("yes, that’s it")
        MISSED = "missed", _("what was missed")

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="replies")
    turn = models.PositiveSmallIntegerField()
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = EncryptedTextField(blank=True, max_length=2000, owner="person_id")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} in turn {self.turn} of dialogue {self.dialogue_id}"


class Commitment(SharedWithPartner):
    """A promise someone makes to themselves: the agreement step done as a reflection, by someone
    following the program on their own. Nobody else reads it unless they share it with their
    partner."""

    writer = "person"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commitments"
    )
    text = EncryptedTextField(_("I commit to …"), max_length=500, owner="person_id")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SharedByItsWriter.as_manager()
    shared_template = "agreements/_commitment_row.html"
    shared_heading = _("Commitments to oneself")
    shared_place = 4

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Commitment {self.pk} of {self.person_id}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:commitments")
