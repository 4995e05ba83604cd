from allauth.account.signals import user_logged_in
from celery.signals import task_postrun, task_prerun
from django.apps import AppConfig
from django.core import checks
from django.core.signals import request_finished, request_started
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from couplespace.converters import TokenConverter
from couplespace.encryption import forget_keys
from couplespace.guides import check_guides
from couplespace.signals import account_deleting, care_ended, couple_ended


class CoupleSpaceConfig(AppConfig):
    name = "couplespace"
    verbose_name = _("CoupleSpace")

    def ready(self):
        # These import models, which exist only once the apps are loaded.
        from couplespace import devices, features
        from couplespace.joining import PARTNER_JOINED_REMINDER
        from couplespace.reminders import register
        from couplespace.sent_sections import SECTION_SENT
        from couplespace.tasks import erase_after_account_deleted
        from couplespace.therapy import ASSIGNMENT_DUE_REMINDER, stop_reminders_of_ended_care

        checks.register(check_guides)
        register_converter(TokenConverter, "token")
        register(ASSIGNMENT_DUE_REMINDER)
        register(PARTNER_JOINED_REMINDER)
        register(SECTION_SENT)
        care_ended.connect(stop_reminders_of_ended_care, dispatch_uid="therapy.care_ended")
        couple_ended.connect(features.after_couple_ended, dispatch_uid="features.couple_ended")
        account_deleting.connect(
            features.before_account_deleted, dispatch_uid="features.account_deleting"
        )
        account_deleting.connect(
            erase_after_account_deleted, dispatch_uid="erasure.account_deleting"
        )
        user_logged_in.connect(devices.remember, dispatch_uid="devices.user_logged_in")
        for signal in (request_started, request_finished, task_prerun, task_postrun):
            signal.connect(forget_keys)
