from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class UnescoOfficeConfig(AppConfig):
    name = "unesco_office"
    verbose_name = _("Office")

    def ready(self):
        from . import audit
        from .cache import content_changed, project_models

        audit.connect()
        # Any write to the project's records drops the cached pages (see cache.py).
        for model in project_models():
            for signal in (post_save, post_delete, m2m_changed):
                signal.connect(content_changed, sender=model, dispatch_uid="page-cache")
