"""What the relationship test offers the core (see couplespace/features.py for the contract)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.access import THERAPIST_SHARE_KIND, couple_sharing
from assessments.instrument import instrument
from assessments.models import PartnerConsent, Result, ShareLink
from couplespace.features import (
    NextStep,
    PrivacyLine,
    ShareKind,
    Step,
    StepGroup,
    TodayCard,
    TodayPart,
    TodayPlace,
)

TEST_STEP = "test"  # the key a therapist's assignment of the test is stored with

# The demo couple's results: (weeks ago, anxiety level, avoidance level, under stress, level).
DEMO_RESULTS = {
    "alex": [(5, 6, 2, "pursue", "facts"), (0, 5, 2, "pursue", "preferences")],
    "sam": [(0, 2, 6, "withdraw", "preferences")],
}


class AssessmentsFeature:
    def today(self, person):
        """Where a newcomer begins: their test result, or the test. Then, in a couple, compare;
        once both agree, read the couple page."""
        # Read without its sealed scores: only the starting card shows one (the style), and it
        # is shown only when nothing else is live.
        latest = (
            Result.objects.visible_to(person)
            .only("owner", "taken_at")
            .order_by("-taken_at")
            .first()
        )
        if latest is None:
            url = reverse("assessments:start")
        else:
            url = reverse("assessments:result", args=[latest.pk])
        card = TodayCard(TodayPlace.START, "assessments/today.html", url, {"result": latest})
        return TodayPart([card], next_steps(person, latest))

    def therapist_share_kinds(self):
        return [
            ShareKind(
                THERAPIST_SHARE_KIND,
                gettext_lazy("Relationship test results"),
                "assessments:for_therapist",
                gettext_lazy(
                    "Your scores on each test you took, over time, and the communication "
                    "pattern of the latest; never your answer to each question."
                ),
            )
        ]

    def therapist_overview(self, kinds_by_client):
        return {}  # a therapist reads the results on their own page, never in a summary line

    def assignable_steps(self):
        step = Step(
            TEST_STEP, _("Take the attachment and communication test"), reverse("assessments:start")
        )
        return [StepGroup(_("The test"), [step])]

    def done_since(self, person, keys, since):
        """The test is done by taking it: a result saved since."""
        if TEST_STEP not in keys:
            return {}
        taken = Result.objects.visible_to(person).filter(taken_at__gte=since)
        first = taken.order_by("taken_at").values_list("taken_at", flat=True).first()
        return {TEST_STEP: first} if first else {}

    def program_hints(self, person):
        """The level of sexual communication the person's latest result says they usually reach
        (a program may suggest where to start from it)."""
        latest = Result.objects.visible_to(person).order_by("-taken_at").first()
        return {"sexual_level": latest.sexual_level} if latest and latest.sexual_level else {}

    def export_data(self, person):
        """My results with every answer, my share links and my consents to compare."""
        results = Result.objects.visible_to(person).order_by("taken_at")
        return {
            "test_results": [
                {
                    "result": result.pk,
                    "taken_at": result.taken_at,
                    "instrument_version": result.instrument_version,
                    "anxiety": result.anxiety,
                    "avoidance": result.avoidance,
                    "nearest_style": result.style,
                    "under_stress": result.stress_response,
                    "sexual_communication_level": result.sexual_level,
                }
                for result in results
            ],
            "test_answers": [
                {"result": result.pk, "question": key, "answer": answer}
                for result in results
                for key, answer in result.answers.items()
            ],
            "test_share_links": list(
                ShareLink.objects.filter(result__owner=person)
                .order_by("created_at")
                .values("result", "created_at", "revoked_at")
            ),
            "test_comparison_consents": list(
                PartnerConsent.objects.filter(person=person).values("couple", "given_at")
            ),
        }

    def privacy_summary(self, person):
        if not Result.objects.visible_to(person).exists():
            return []
        couple = person.couple
        both_agree = bool(couple) and (PartnerConsent.objects.filter(couple=couple).count() == 2)
        who = [
            _("Your partner sees your latest result, because you both agreed to compare.")
            if both_agree
            else _("Not your partner: comparing needs you both to agree.")
        ]
        if ShareLink.objects.live().filter(result__owner=person).exists():
            who.append(_("A share link is on: whoever has it sees the summary, never your name."))
        return [PrivacyLine(_("Test results"), " ".join(who), reverse("assessments:history"))]

    def private_paths(self):
        return []  # the test is public; a result is reached only by its unguessable address

    def reminder_kinds(self):
        return []  # the test reminds nobody

    def after_couple_ended(self, couple, members):
        return None  # consent to compare belongs to the ended couple: it no longer opens anything

    def before_account_deleted(self, person):
        return None  # a partner sees results only while the couple lasts, and it has ended

    def populate_demo(self, people):
        """alex leans anxious, sam avoidant, and both agree to compare (idempotent)."""
        now = timezone.now()
        for key, results in DEMO_RESULTS.items():
            person = people[key]
            if Result.objects.visible_to(person).exists():
                continue
            for weeks_ago, anxiety, avoidance, stress, level in results:
                levels = {"anxiety": anxiety, "avoidance": avoidance}
                answers = {
                    item.key: 8 - levels[item.dimension] if item.reverse else levels[item.dimension]
                    for item in instrument().items
                }
                answers |= {"stress_response": stress, "sexual_level": level}
                Result.score(
                    instrument=instrument(),
                    answers=answers,
                    owner=person,
                    taken_at=now - timedelta(weeks=weeks_ago),
                ).save()
        couple = people["alex"].couple
        if couple is not None:
            for key in ("alex", "sam"):
                PartnerConsent.set(person=people[key], couple=couple, given=True)


def next_steps(person, latest: Result | None) -> list[NextStep]:
    """Take the test; then, in a couple, compare; once both agree, read the couple page."""
    if latest is None:
        return [NextStep(_("Take the relationship test"), reverse("assessments:start"))]
    sharing = couple_sharing(person)
    if sharing is None:
        return []
    if sharing.comparison_open:
        return [
            NextStep(_("Read what your test results mean together"), reverse("assessments:couple"))
        ]
    if not sharing.i_consent and not sharing.recommend_solo:
        return [
            NextStep(
                _("Compare your test results with %(name)s") % {"name": sharing.partner.name},
                reverse("assessments:result", args=[latest.pk]) + "#compare",
            )
        ]
    return []
