from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Programs")

    def ready(self):
        from couplespace.reminders import register
        from programs.reminders import CHECKPOINT

        register(CHECKPOINT)

    def populate_demo(self, people):
        """Called by the core's `manage.py demo`: alex and sam on day 9, with a week of entries."""
        from programs.demo import populate

        populate(people)

    def next_steps(self, person):
        from django.urls import reverse
        from django.utils.translation import gettext

        from couplespace.features import NextStep
        from programs.models import Enrollment

        enrollment = Enrollment.objects.for_person(person)
        if enrollment is None:
            text = gettext(
                "Follow the 28-day program on security and sexuality, alone or together."
            )
            return [NextStep(text, reverse("programs:path"))]
        if enrollment.is_paused:
            return [
                NextStep(
                    gettext("Your program is paused. Resume when you are ready."),
                    reverse("programs:path"),
                )
            ]
        day = enrollment.day_number(person.local_today())
        if day < 1:
            return []
        return [
            NextStep(
                gettext("Day %(day)s of your program: see today’s step") % {"day": day},
                reverse("programs:path"),
            )
        ]
