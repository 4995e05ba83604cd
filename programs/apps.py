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
