from datetime import timedelta

from django.apps import AppConfig
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The demo couple's results: (weeks ago, anxiety level, avoidance level, under stress, level).
DEMO_RESULTS = {
    "alex": [(5, 6, 2, "pursue", "facts"), (0, 5, 2, "pursue", "preferences")],
    "sam": [(0, 2, 6, "withdraw", "preferences")],
}


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Relationship test")

    def ready(self):
        from assessments import signals  # noqa: F401  (connects the receivers)
        from assessments.instrument import instrument

        instrument()  # a broken instrument file stops start-up with its reason

    def populate_demo(self, people):
        """alex leans anxious, sam avoidant, and both agree to compare (idempotent)."""
        from assessments.instrument import instrument
        from assessments.models import PartnerConsent, Result

        now = timezone.now()
        for key, results in DEMO_RESULTS.items():
            person = people[key]
            if Result.objects.filter(owner=person).exists():
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
