from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnescoOfficeConfig(AppConfig):
    name = "unesco_office"
    verbose_name = _("Office")

    def ready(self):
        from . import audit

        audit.connect()
