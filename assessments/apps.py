from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = gettext_lazy("Relationship test")

    def ready(self):
        from assessments import signals  # noqa: F401  (connects the receivers)
        from assessments.feature import AssessmentsFeature
        from assessments.instrument import instrument
        from couplespace.features import register

        instrument()  # a broken instrument file stops start-up with its reason
        register(AssessmentsFeature())
