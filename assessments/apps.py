from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from assessments.instrument import instrument


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Relationship test")

    def ready(self):
        # These import models, which exist only once the apps are loaded.
        from assessments import signals  # noqa: F401  (connects the receivers)
        from assessments.feature import AssessmentsFeature
        from couplespace.features import register

        instrument()  # a broken instrument file stops start-up with its reason
        register(AssessmentsFeature())
