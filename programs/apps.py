from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from couplespace.signals import couple_ended


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Programs")

    def ready(self):
        from couplespace.features import register
        from couplespace.reminders import register as register_reminder
        from programs.feature import ProgramsFeature, part_ways
        from programs.reminders import KINDS

        register(ProgramsFeature())
        for kind in KINDS:
            register_reminder(kind)
        couple_ended.connect(part_ways, dispatch_uid="programs.part_ways")
