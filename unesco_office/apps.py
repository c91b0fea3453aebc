from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class UnescoOfficeConfig(AppConfig):
    default = True
    name = "unesco_office"
    verbose_name = _("Office")


class OfficeAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with the office's admin site as the default site."""

    default = False
    default_site = "unesco_office.admin_site.OfficeAdminSite"

    def ready(self):
        super().ready()  # registers every app's admin
        from django.contrib.auth import get_user_model

        from .user_admin import StaffUserAdmin

        user_model = get_user_model()
        self.module.site.unregister(user_model)
        self.module.site.register(user_model, StaffUserAdmin)
