from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountriesConfig(AppConfig):
    name = "countries"
    verbose_name = _("Countries and designated places")

    def ready(self):
        from . import public  # noqa: F401 (registers what the public site knows of its records)
