from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SectorsConfig(AppConfig):
    name = "sectors"
    verbose_name = _("Programme sectors")

    def ready(self):
        from . import public  # noqa: F401 (registers what the public site knows of its records)
