from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = gettext_lazy("Agreements")

    def ready(self):
        from agreements.feature import AgreementsFeature, quiet_after_break_up
        from agreements.reminders import KINDS
        from agreements.versions import keep_readable_for_partner
        from couplespace.features import register
        from couplespace.reminders import register as register_reminder
        from couplespace.signals import account_deleting, couple_ended

        register(AgreementsFeature())
        for kind in KINDS:
            register_reminder(kind)
        account_deleting.connect(keep_readable_for_partner)
        couple_ended.connect(quiet_after_break_up, dispatch_uid="agreements.quiet_after_break_up")
