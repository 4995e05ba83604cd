from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self):
        # The feature's module imports models, which exist only once the apps are loaded.
        from agreements.feature import AgreementsFeature, signals_in_practice_log
        from couplespace.features import register
        from programs.practice_events import add_source

        register(AgreementsFeature())
        add_source(signals_in_practice_log)
