from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoupleSpaceConfig(AppConfig):
    name = "couplespace"
    verbose_name = _("CoupleSpace")
