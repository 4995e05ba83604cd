"""The core of CoupleSpace: people, couples, the invitations that join them, and reminders."""

import hashlib
import secrets
import zoneinfo
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from couplespace import encryption, notices
from couplespace.encryption import EncryptedBooleanField, EncryptedTextField
from couplespace.signals import account_deleting, care_ended, couple_ended

INVITATION_LIFETIME = timedelta(days=7)


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(zone)s” is not a known time zone."), params={"zone": value})


def timezone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class PersonManager(UserManager):
    """People sign in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("A person needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person. Their time zone and language shape every page and every reminder."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("name"),
        max_length=60,
        blank=True,
        help_text=_("What your partner sees. Leave it empty to use the start of your email."),
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    quick_exit_signs_out = models.BooleanField(
        _("Sign me out when I use Quick exit"),
        default=False,
        help_text=_(
            "Whoever opens this browser after you then finds the sign-in page, not your space. "
            "You will need your password next time."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = PersonManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.email.split("@")[0]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def local_now(self):
        """The one place that says what time it is for this person."""
        return self.local_time(timezone.now())

    def local_time(self, instant):
        """An instant on this person's own clock."""
        return instant.astimezone(self.zone)

    def local_today(self):
        return self.local_now().date()

    @property
    def membership(self) -> "Membership | None":
        """This person's place in their active couple, if they have one (cached per request,
        with the partner: both come in one query)."""
        if not hasattr(self, "_membership_cache"):
            places = list(
                Membership.objects.select_related("couple", "person").filter(
                    couple__memberships__person=self, couple__memberships__active=True
                )
            )
            self._membership_cache = next((m for m in places if m.person_id == self.pk), None)
            self._partner_cache = next((m.person for m in places if m.person_id != self.pk), None)
        return self._membership_cache

    def has_verified_email(self, address: str) -> bool:
        """Whether this person proved they read mail at `address` (allauth's verification)."""
        return EmailAddress.objects.filter(user=self, email__iexact=address, verified=True).exists()

    def forget_membership(self) -> None:
        self.__dict__.pop("_membership_cache", None)
        self.__dict__.pop("_partner_cache", None)
        self.__dict__.pop("_safety_cache", None)

    @property
    def couple(self) -> "Couple | None":
        return self.membership.couple if self.membership else None

    @property
    def partner(self) -> "User | None":
        """The other person in this person's couple (read with the membership)."""
        return self._partner_cache if self.membership else None

    def delete_account(self) -> None:
        """Delete this person and everything that is only theirs; end every session they have.

        Their couple ends first, so the partner keeps their own entries and an archived copy
        of anything the two shared (a shared agreement stays readable to the partner). A
        therapist's work with each client ends too, so no client is reminded of their steps.
        Invitations others sent to their address keep it no longer. Once the deletion commits,
        the worker removes what it left in the database's files (couplespace/erasure.py).
        """
        with transaction.atomic():
            if self.couple:
                self.couple.end()
            for care in Care.objects.current().filter(therapist=self).select_related("client"):
                care.end()
            Invitation.objects.forget_address(self.email)
            Care.objects.forget_address(self.email, client=self)
            account_deleting.send(sender=User, person=self)
            for session in UserSession.objects.filter(user=self):
                session.end()
            self.delete()

    def safety_answer(self) -> "SafetyAnswer | None":
        """This person's own answer for their current couple, if they gave one."""
        if self.couple is None:
            return None
        if "_safety_cache" not in self.__dict__:
            self._safety_cache = (
                SafetyAnswer.objects.visible_to(self).filter(couple=self.couple).first()
            )
        return self._safety_cache

    def feels_afraid_of_partner(self) -> bool:
        """True when this person told us, privately, that they sometimes fear their partner.

        Features use it to recommend solo work over joint exercises; never show it to anyone else.
        """
        answer = self.safety_answer()
        return bool(answer and answer.feels_afraid)


class PersonKey(models.Model):
    """One of a person's data keys, stored only wrapped by the environment's key.

    It goes when the person goes (on delete cascade), and with it every word it encrypted.
    """

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="encryption_keys")
    wrapped = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Key {self.pk} of {self.person_id}"

    @classmethod
    def make(cls, person_id: int) -> "PersonKey":
        return cls.objects.create(
            person_id=person_id, wrapped=encryption.wrap(encryption.new_data_key())
        )

    def unwrap(self) -> bytes:
        return encryption.unwrap(self.wrapped)


class Couple(models.Model):
    """Two people who share a workspace. A couple ends when either partner leaves."""

    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("couple")
        verbose_name_plural = _("couples")

    def __str__(self) -> str:
        return " & ".join(member.name for member in self.members)

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    @property
    def members(self) -> list[User]:
        return [membership.person for membership in self.memberships.all()]

    @transaction.atomic
    def end(self) -> None:
        """One partner leaves: the couple ends for both, and each may join another later.

        Each person's own entries stay theirs; what was shared stops being visible because
        visibility follows the active couple.
        """
        members = self.members
        self.ended_at = timezone.now()
        self.save(update_fields=["ended_at"])
        self.memberships.update(active=False)
        for member in members:
            member.forget_membership()
        couple_ended.send(sender=Couple, couple=self, members=members)


class Membership(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    active = models.BooleanField(default=True)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(active=True), name="one_active_couple_per_person"
            ),
            models.UniqueConstraint(fields=["couple", "person"], name="one_membership_per_couple"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in couple {self.couple_id}"


class InvitationError(Exception):
    """Why an invitation cannot be accepted, in words the person can act on."""


class SentToAnotherAddress(InvitationError):
    """An invitation sent to one address, opened by an account without it (a forwarded or
    leaked link): it stays for the address invited, and whoever sent it is told."""


ANOTHER_ADDRESS = "invitation_other_address"


def another_address_words(values: dict) -> notices.Words:
    """The notice to an inviter (a partner's or a therapist's invitation) that someone signed
    in with another address opened it."""
    title = _("Someone signed in with another address opened your invitation")
    if values["invited"] == "client":
        return notices.Words(
            title,
            _(
                "It was not accepted, and still waits for the address you invited. If your "
                "client uses another address on CoupleSpace, invite that one."
            ),
            page="therapist_home",
        )
    return notices.Words(
        title,
        _(
            "It was not accepted, and still waits for the address you invited. If you did not "
            "pass the link on, withdraw the invitation and send a new one."
        ),
        page="workspace",
    )


notices.register(ANOTHER_ADDRESS, another_address_words)


def tell_of_another_address(sender: User, sent_at, invited: str) -> None:
    """An in-app notice to the sender of an invitation (`invited`: "partner" or "client") that
    someone signed in with another address tried to accept it; once per invitation (one since
    it was sent)."""
    already = Notification.objects.filter(
        person=sender, kind=ANOTHER_ADDRESS, created_at__gte=sent_at
    )
    if already.exists():
        return
    values = {"invited": invited}
    message = another_address_words(values).message(values)
    Notification.objects.create(
        person=sender, kind=ANOTHER_ADDRESS, values=message.values, url=message.url
    )


def new_token() -> str:
    return secrets.token_urlsafe(24)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
        )

    def forget_address(self, email: str) -> None:
        """A deleted person's address leaves the invitations sent to it: a pending one goes, the
        others keep no address."""
        addressed = self.filter(email__iexact=email)
        addressed.pending().delete()
        addressed.update(email="")


class Invitation(models.Model):
    """A single-use invitation to form a couple, by email or by a link, valid for seven days."""

    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations_sent"
    )
    email = models.EmailField(_("partner's email"), blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_accepted",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"Invitation from {self.inviter}"

    def save(self, *args, **kwargs):
        if not self.expires_at:
            self.expires_at = self.created_at + INVITATION_LIFETIME
        super().save(*args, **kwargs)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def url(self) -> str:
        return f"{settings.SITE_URL}/invite/{self.token}/"

    @classmethod
    @transaction.atomic
    def issue(cls, *, inviter: User, email: str = "") -> "Invitation":
        """Start a new invitation; any earlier pending one from this person is withdrawn."""
        if inviter.couple:
            raise InvitationError(_("You are already in a couple. Leave it before inviting."))
        if email and email.lower() == inviter.email.lower():
            raise InvitationError(_("That is your own address. Invite your partner’s instead."))
        cls.objects.pending().filter(inviter=inviter).update(withdrawn_at=timezone.now())
        return cls.objects.create(inviter=inviter, email=email.lower())

    def withdraw(self) -> None:
        self.withdrawn_at = timezone.now()
        self.save(update_fields=["withdrawn_at"])

    def tell_inviter_of_another_address(self) -> None:
        tell_of_another_address(self.inviter, self.created_at, "partner")

    def accept(self, person: User) -> Couple:
        """Join the inviter and `person` as a couple, once, within seven days.

        Locks the invitation row so two people following the same link cannot both use it.
        """
        with transaction.atomic():
            invitation = Invitation.objects.select_for_update().get(pk=self.pk)
            invitation.check_acceptable_by(person)
            couple = Couple.objects.create()
            try:
                with transaction.atomic():
                    Membership.objects.bulk_create(
                        [
                            Membership(couple=couple, person=invitation.inviter),
                            Membership(couple=couple, person=person),
                        ]
                    )
            except IntegrityError:
                # Another invitation joined one of them a moment ago.
                raise InvitationError(_("One of you has just joined another couple.")) from None
            invitation.accepted_at = timezone.now()
            invitation.accepted_by = person
            invitation.save(update_fields=["accepted_at", "accepted_by"])
        for someone in (person, self.inviter):
            someone.forget_membership()
        return couple

    def check_acceptable_by(self, person: User | None) -> None:
        """Raise InvitationError saying why `person` (or a visitor, for None) cannot accept."""
        if person is not None and person.pk == self.inviter_id:
            raise InvitationError(
                _("This is your own invitation. Send the link to your partner instead.")
            )
        if self.accepted_at:
            raise InvitationError(_("This invitation has already been used."))
        if self.withdrawn_at:
            raise InvitationError(
                _("This invitation was withdrawn. Ask your partner for a new one.")
            )
        if self.is_expired:
            raise InvitationError(
                _("This invitation has expired. Ask your partner to send a new one.")
            )
        if person is not None and self.email and not person.has_verified_email(self.email):
            raise SentToAnotherAddress(
                _(
                    "This invitation was sent to another email address. Sign in with that "
                    "address to accept it, or ask your partner to invite the address you use here."
                )
            )
        if person is not None and Membership.objects.filter(person=person, active=True).exists():
            raise InvitationError(
                _("You are already in a couple. Leave it before accepting another invitation.")
            )
        if Membership.objects.filter(person_id=self.inviter_id, active=True).exists():
            raise InvitationError(_("The person who invited you is already in a couple."))


class SafetyAnswerQuerySet(models.QuerySet):
    def visible_to(self, person) -> "SafetyAnswerQuerySet":
        """Only the person who answered: not the partner, not a therapist, whatever is shared."""
        return self.filter(person=person)


class SafetyAnswer(models.Model):
    """A partner's private answer to "do you ever feel afraid of your partner?".

    Asked of each partner when a couple forms. Never shown to the partner or to a therapist:
    only the person who answered reads it, and it only changes what we recommend to them.
    The answer is stored encrypted with its person's key, so no query can select by it: whoever
    needs it reads a person's own row and asks in Python (`User.feels_afraid_of_partner`).
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_answers"
    )
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    feels_afraid = EncryptedBooleanField(owner="person_id")
    answered_at = models.DateTimeField(default=timezone.now)

    objects = SafetyAnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "couple"], name="one_safety_answer_each")
        ]

    def __str__(self) -> str:
        return f"Safety answer of {self.person_id}"


class TherapistProfile(models.Model):
    """A person who applied to work with clients. Only staff can verify them, in the admin."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapist_profile"
    )
    professional_name = models.CharField(_("professional name"), max_length=120)
    credentials = models.TextField(
        _("licence or registration"),
        max_length=1000,
        help_text=_("Your licence or registration number, and where staff can check it."),
    )
    applied_at = models.DateTimeField(default=timezone.now)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("therapist")
        verbose_name_plural = _("therapists")

    def __str__(self) -> str:
        return self.professional_name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class CareQuerySet(models.QuerySet):
    def current(self):
        return self.filter(accepted_at__isnull=False, ended_at__isnull=True)

    def forget_address(self, email: str, *, client: "User") -> None:
        """A deleted person's address leaves therapists' invitations sent to it: one nobody
        accepted goes, one someone else accepted keeps no address (the client's own go with
        them)."""
        addressed = self.filter(email__iexact=email)
        addressed.filter(client=None).delete()
        addressed.exclude(client=client).update(email="")


class Care(models.Model):
    """A verified therapist working with one client, who chose what the therapist may see."""

    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_given"
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="care_received",
    )
    email = models.EmailField(_("client's email"))
    token = models.CharField(max_length=64, unique=True, default=new_token)
    invited_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = CareQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["therapist", "client"],
                condition=Q(ended_at__isnull=True),
                name="one_open_care_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"Care {self.pk}"

    @property
    def is_current(self) -> bool:
        return self.accepted_at is not None and self.ended_at is None

    def shared_kinds(self) -> set[str]:
        return {consent.kind for consent in self.consents.all()}

    @transaction.atomic
    def accept(self, client: "User", kinds: set[str]) -> None:
        if self.accepted_at or self.ended_at:
            raise InvitationError(_("This invitation has already been used."))
        if client.pk == self.therapist_id:
            raise InvitationError(_("You cannot be your own client."))
        if not client.has_verified_email(self.email):
            raise SentToAnotherAddress(
                _(
                    "This invitation was sent to another email address. Sign in with that "
                    "address to accept it, or ask your therapist to invite the address you use "
                    "here."
                )
            )
        profile = TherapistProfile.objects.filter(person_id=self.therapist_id).first()
        if profile is None or not profile.is_verified:
            raise InvitationError(
                _("This therapist is not verified, so the invitation cannot be accepted.")
            )
        if Care.objects.current().filter(therapist=self.therapist, client=client).exists():
            raise InvitationError(_("You already work with this therapist."))
        self.client = client
        self.accepted_at = timezone.now()
        self.save(update_fields=["client", "accepted_at"])
        self.share(kinds)

    def tell_therapist_of_another_address(self) -> None:
        tell_of_another_address(self.therapist, self.invited_at, "client")

    @transaction.atomic
    def share(self, kinds: set[str]) -> None:
        """Replace what the client shares; takes effect on the therapist's next request."""
        self.consents.exclude(kind__in=kinds).delete()
        existing = self.shared_kinds()
        Consent.objects.bulk_create(Consent(care=self, kind=k) for k in kinds - existing)

    @transaction.atomic
    def end(self) -> None:
        """The work together ends: the therapist sees nothing more of the client's, and the
        client is no longer reminded of the steps the therapist gave (couplespace/therapy.py
        hears `care_ended`)."""
        self.ended_at = timezone.now()
        self.save(update_fields=["ended_at"])
        self.consents.all().delete()
        care_ended.send(sender=Care, care=self)


class Consent(models.Model):
    care = models.ForeignKey(Care, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=40)
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["care", "kind"], name="one_consent_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.care_id}: {self.kind}"


ACCESS_VISIT = timedelta(minutes=30)


class AccessRecord(models.Model):
    """Each visit in which a therapist's page showed a client's data: the client reads this log.

    One row per therapist (care), kind of data, page and visit: the same page opened again
    within ACCESS_VISIT of its last opening is the same visit, so reloading moves `last_at` and
    `openings` on instead of adding identical rows. Rows from before pages were named have none.
    """

    class Page(models.TextChoices):
        SHARED = "shared", _("its own page")
        CLIENT = "client", _("a line on their page about you")
        CLIENTS = "clients", _("a line on their list of clients")

    care = models.ForeignKey(Care, on_delete=models.CASCADE, related_name="access_records")
    kind = models.CharField(max_length=40)
    page = models.CharField(max_length=10, choices=Page.choices, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    last_at = models.DateTimeField(default=timezone.now)
    openings = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.care_id}: {self.kind} on {self.page} at {self.at}"

    @classmethod
    def log(cls, opened: list[tuple[Care, str]], page: str) -> None:
        """Record that `page` showed each (care, kind): a new row, or the visit's row moved on.
        Three queries at most, however many clients the page lists."""
        now = timezone.now()
        wanted = Q()
        for care, kind in opened:
            wanted |= Q(care=care, kind=kind)
        ongoing = cls.objects.filter(wanted, page=page, last_at__gt=now - ACCESS_VISIT)
        found = {
            (care_id, kind): pk
            for pk, care_id, kind in ongoing.values_list("pk", "care_id", "kind")
        }
        if found:
            cls.objects.filter(pk__in=found.values()).update(
                last_at=now, openings=models.F("openings") + 1
            )
        new = [
            cls(care=care, kind=kind, page=page, at=now, last_at=now)
            for care, kind in opened
            if (care.pk, kind) not in found
        ]
        if new:
            cls.objects.bulk_create(new)


class TherapistNote(models.Model):
    """A therapist's private note about a client. No client ever sees these."""

    care = models.ForeignKey(Care, on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField(_("note"), max_length=5000, owner="care.therapist_id")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Note on care {self.care_id}"


# Reminders and notifications. Feature apps register their reminder kinds in
# couplespace.reminders; the rows below are the same for every kind.


class Reminder(models.Model):
    """One person's reminder of one kind: its rule in their wall-clock time, and when it fires.

    `next_due_at` is the UTC instant of the next slot (None: nothing planned). The dispatcher
    claims rows whose `next_due_at` has come, records a Delivery per slot and moves the row on.
    `topic` tells apart several reminders of one kind for one person (an assignment's id, say).
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=40)
    topic = models.CharField(max_length=40, blank=True, default="")
    rule = models.JSONField(default=dict)
    next_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    next_slot = models.CharField(max_length=19, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "topic"], name="one_reminder_per_person_kind_topic"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.person_id} at {self.next_due_at}"


class Delivery(models.Model):
    """A slot of a reminder, recorded once under (person, kind, slot) before anything is sent.

    The unique key is what makes a second dispatcher, a retried task or a restarted beat
    harmless: a slot that already has a row is never recorded, enqueued or sent again.
    SENDING means the in-app notification is written and the email is not yet confirmed: a
    retry sends the email again (with the same Message-ID), never the notification.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENDING = "sending", _("in the app; the email is on its way")
        SENT = "sent", _("in the app and by email")
        IN_APP = "in_app", _("in the app only")
        OFF = "off", _("not sent: turned off or snoozed")
        SKIPPED = "skipped", _("not sent: too late to be useful")
        FAILED = "failed", _("not sent: gave up after several tries")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries"
    )
    kind = models.CharField(max_length=40)
    slot = models.CharField(max_length=60)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    enqueued_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "slot"], name="one_delivery_per_slot")
        ]
        indexes = [
            models.Index(
                fields=["enqueued_at"],
                condition=Q(status__in=["pending", "sending"]),
                name="unfinished_delivery_queued",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.slot} for {self.person_id}: {self.status}"


class Notification(models.Model):
    """What a person sees in their in-app list: its kind and a few plain values, its words
    rendered when it is read (`words`), in the reader's language of the moment. Generic words,
    never an entry. `title` and `body` hold the words of a notice written before that (its
    `values` are null), which it keeps showing."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    values = models.JSONField(null=True, blank=True)
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    delivery = models.OneToOneField(Delivery, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "-created_at"], name="notifications_of_person")]

    def __str__(self) -> str:
        return str(self.words().title)

    def words(self) -> notices.Words | notices.Message:
        """Its title and body in the active language; the stored ones if it has no values or
        its kind is no longer known."""
        return notices.words_of(self.kind, self.values) or notices.Message(self.title, self.body)


class NotificationSettings(models.Model):
    """A person's quiet hours: reminders still appear in the app, with no email and no push."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    quiet_from = models.TimeField(_("quiet from"), null=True, blank=True)
    quiet_until = models.TimeField(_("quiet until"), null=True, blank=True)

    def __str__(self) -> str:
        return f"Quiet hours of {self.person_id}"


class NotificationPreference(models.Model):
    """A person's choice for one kind of reminder: on or off, by email or not, snoozed until."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40)
    enabled = models.BooleanField(_("on"), default=True)
    by_email = models.BooleanField(_("by email"), default=True)
    snoozed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.person_id}"

    def is_snoozed(self, now) -> bool:
        return self.snoozed_until is not None and self.snoozed_until > now


UNSUBSCRIBE_LINK_LIFETIME = timedelta(days=60)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class UnsubscribeLink(models.Model):
    """One emailed link that stops one kind of reminder email.

    The token is random and says nothing about whom it is for; only its SHA-256 is kept, so a
    copy of the database cannot make a working link. It stops working after
    UNSUBSCRIBE_LINK_LIFETIME. A person's expired links go when a new one is issued.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unsubscribe_links"
    )
    kind = models.CharField(max_length=40)
    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Unsubscribe link for {self.kind} of {self.person_id}"

    @classmethod
    def issue(cls, person: User, kind: str) -> str:
        """A new link's token, the only time it is seen."""
        now = timezone.now()
        cls.objects.filter(person=person, expires_at__lte=now).delete()
        token = secrets.token_urlsafe(24)
        cls.objects.create(
            person=person,
            kind=kind,
            digest=token_digest(token),
            expires_at=now + UNSUBSCRIBE_LINK_LIFETIME,
        )
        return token

    @classmethod
    def find(cls, token: str) -> "UnsubscribeLink | None":
        return cls.objects.select_related("person").filter(digest=token_digest(token)).first()

    def has_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    def choose(self, *, by_email: bool) -> None:
        NotificationPreference.objects.update_or_create(
            person=self.person, kind=self.kind, defaults={"by_email": by_email}
        )


class Assignment(models.Model):
    """Something a therapist asks a client to do by a date: one step a feature offers (a day of
    a program, the test) or a section of a guide, stored by its stable key ("test",
    "program:<slug>:day:12", "guide:<slug>#<anchor>"; see couplespace/therapy.py).

    It is done when the client does the step (`DoneHow.STEP`) or says so (`DoneHow.MARKED`)."""

    class DoneHow(models.TextChoices):
        STEP = "step", _("did the step")
        MARKED = "marked", _("marked it done")

    care = models.ForeignKey(Care, on_delete=models.CASCADE, related_name="assignments")
    # The longest key offered today is a guide section's, 57 characters; tests/test_assignments
    # checks that every key offered fits.
    step = models.CharField(_("what to do"), max_length=120)
    note = EncryptedTextField(
        _("note for your client"), max_length=1000, blank=True, owner="care.therapist_id"
    )
    due_date = models.DateField(_("due by"))
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_how = models.CharField(max_length=6, choices=DoneHow, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return f"{self.step} due {self.due_date}"

    def is_overdue(self, today) -> bool:
        return self.done_at is None and self.due_date < today

    def mark_done(self, at, how: "Assignment.DoneHow") -> bool:
        """Done at `at`, once: False if it was done already (by the client, or another look)."""
        updated = Assignment.objects.filter(pk=self.pk, done_at__isnull=True).update(
            done_at=at, done_how=how
        )
        if updated:
            self.done_at, self.done_how = at, how
        return bool(updated)


class PushSubscriptionQuerySet(models.QuerySet):
    def visible_to(self, person) -> "PushSubscriptionQuerySet":
        """Only the person whose device it is: a device is theirs alone, like their settings."""
        return self.filter(person=person)


class PushSubscription(models.Model):
    """One device where a person turned on push: where its push service takes messages for it,
    and the keys its browser made, that only this device can decrypt with (RFC 8291).

    An endpoint belongs to one browser profile, so it is unique: the same browser turned on again
    (by whoever is signed in there now) takes the row over. A push service that answers 404 or
    410 has forgotten the device, and the row goes (`couplespace.push`).
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=50)
    label = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PushSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.label} of {self.person_id}"

    def info(self) -> dict:
        """What pywebpush needs to reach and encrypt for the device."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}
