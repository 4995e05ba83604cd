from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self):
        # The feature's module imports models, which exist only once the apps are loaded.
        from agreements.feature import AgreementsFeature
        from couplespace.features import register

        register(AgreementsFeature())
