"""Test results, their share links, and partners' consent to compare results."""

import secrets
import uuid
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessments import scoring
from assessments.instrument import Instrument
from couplespace.encryption import EncryptedCharField, EncryptedDecimalField, EncryptedJSONField
from couplespace.privacy import writer_only


def new_token() -> str:
    return secrets.token_urlsafe(24)


def two_places(score: Fraction) -> Decimal:
    return (Decimal(score.numerator) / Decimal(score.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


class Style(models.TextChoices):
    SECURE = "secure", _("Secure")
    ANXIOUS = "anxious", _("Anxious")
    AVOIDANT = "avoidant", _("Avoidant")
    FEARFUL = "fearful", _("Fearful-avoidant")


class StressResponse(models.TextChoices):
    PURSUE = "pursue", pgettext_lazy("under stress", "Pursue")
    WITHDRAW = "withdraw", pgettext_lazy("under stress", "Withdraw")
    BOTH = "both", pgettext_lazy("under stress", "Both, by turns")


class SexualLevel(models.TextChoices):
    FACTS = "facts", pgettext_lazy("level of sexual communication", "Facts")
    PREFERENCES = "preferences", pgettext_lazy("level of sexual communication", "Preferences")
    EMOTIONS = "emotions", pgettext_lazy("level of sexual communication", "Emotions")
    MEANING = "meaning", pgettext_lazy("level of sexual communication", "Meaning")


SEALED = {"owner": "owner_id", "clear_without_owner": True}


class ResultQuerySet(models.QuerySet):
    def visible_to(self, person, *, claims: list[str] = ()):
        """The one scope for results: a signed-in person's own, or for a visitor the results
        taken in this browser (`claims`, kept in their session). Who else sees a result, and
        how much of it, is decided in assessments/access.py."""
        if person.is_authenticated:
            return writer_only(self, person, writer="owner")
        return self.filter(owner__isnull=True, claim_token__in=claims)

    def latest_per_owner(self):
        latest = self.model.objects.filter(owner=models.OuterRef("owner")).order_by("-taken_at")
        return self.filter(pk=models.Subquery(latest.values("pk")[:1]))


class Result(models.Model):
    """One completed test: the answers as given, and the scores they produced at the time.

    A visitor's result has no owner yet, only a claim token kept in their session; logging in
    or signing up in the same browser makes it theirs.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessment_results",
    )
    claim_token = models.CharField(max_length=64, blank=True, db_index=True)
    taken_at = models.DateTimeField(default=timezone.now)
    instrument_version = models.PositiveSmallIntegerField()
    # What a person says about themselves, and what it says about them: encrypted with their
    # key (couplespace/encryption.py); a visitor's result, which names no one, stays in clear
    # until it is claimed.
    answers = EncryptedJSONField(**SEALED)
    anxiety = EncryptedDecimalField(_("anxiety"), decimal_places=2, **SEALED)
    avoidance = EncryptedDecimalField(_("avoidance"), decimal_places=2, **SEALED)
    style = EncryptedCharField(_("nearest style"), max_length=10, choices=Style, **SEALED)
    stress_response = EncryptedCharField(max_length=10, choices=StressResponse, **SEALED)
    sexual_level = EncryptedCharField(max_length=12, choices=SexualLevel, **SEALED)

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("test result")
        verbose_name_plural = _("test results")
        indexes = [models.Index(fields=["owner", "-taken_at"])]

    def __str__(self) -> str:
        return f"{self.get_style_display()} ({self.anxiety}, {self.avoidance})"

    @classmethod
    def score(cls, *, instrument: Instrument, answers: dict[str, int | str], **fields) -> "Result":
        """Build (unsaved) the result of a complete set of answers."""
        item_answers = {key: answers[key] for key in instrument.item_keys if key in answers}
        scores = scoring.dimension_scores(items=instrument.items, answers=item_answers)
        absent = scoring.missing(keys=("stress_response", "sexual_level"), answers=answers)
        if absent:
            raise scoring.MissingAnswers(absent)
        return cls(
            instrument_version=instrument.version,
            answers=answers,
            anxiety=two_places(scores["anxiety"]),
            avoidance=two_places(scores["avoidance"]),
            style=scoring.nearest_style(anxiety=scores["anxiety"], avoidance=scores["avoidance"]),
            stress_response=answers["stress_response"],
            sexual_level=answers["sexual_level"],
            **fields,
        )

    @property
    def live_share(self) -> "ShareLink | None":
        """The link that currently works, if any (prefetch `live_shares` to avoid a query)."""
        links = self.live_shares if hasattr(self, "live_shares") else self.shares.live()
        return next(iter(links), None)

    def share(self) -> "ShareLink":
        return self.live_share or ShareLink.objects.create(result=self)


class ShareLinkQuerySet(models.QuerySet):
    def live(self):
        return self.filter(revoked_at__isnull=True)


class ShareLink(models.Model):
    """An unguessable link to a result's summary: no name, no email, no answers."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="shares")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self) -> str:
        return f"Share link for result {self.result_id}"

    @property
    def url(self) -> str:
        return settings.SITE_URL + reverse("assessments:shared", args=[self.token])

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class PartnerConsent(models.Model):
    """A person agrees to compare their latest result with their partner, within one couple.

    Consent belongs to the couple it was given in: a later couple starts with none. The couple
    page exists only while both partners' consents exist.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_consents"
    )
    couple = models.ForeignKey(
        "couplespace.Couple", on_delete=models.CASCADE, related_name="assessment_consents"
    )
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "couple"], name="one_consent_per_couple")
        ]

    def __str__(self) -> str:
        return f"{self.person} compares results in couple {self.couple_id}"

    @classmethod
    @transaction.atomic
    def set(cls, *, person, couple, given: bool) -> None:
        if given:
            cls.objects.get_or_create(person=person, couple=couple)
        else:
            cls.objects.filter(person=person, couple=couple).delete()
