from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Programs")

    def ready(self):
        # The feature's module imports models, which exist only once the apps are loaded.
        from couplespace.features import register
        from programs.feature import ProgramsFeature

        register(ProgramsFeature())
