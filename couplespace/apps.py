from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CoupleSpaceConfig(AppConfig):
    name = "couplespace"
    verbose_name = _("CoupleSpace")

    def ready(self):
        from couplespace.guides import check_guides

        checks.register(check_guides)

        from couplespace.reminders import register
        from couplespace.therapy import ASSIGNMENT_DUE

        register(ASSIGNMENT_DUE)

        from celery.signals import task_postrun, task_prerun
        from django.core.signals import request_finished, request_started

        from couplespace.encryption import forget_keys

        for signal in (request_started, request_finished, task_prerun, task_postrun):
            signal.connect(forget_keys)
