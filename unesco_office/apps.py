from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.contrib.auth.signals import user_logged_in
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticDeviceConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPDeviceConfig


class UnescoOfficeConfig(AppConfig):
    default = True
    name = "unesco_office"
    verbose_name = _("Office")

    def ready(self):
        from unesco_office.core import (
            collation,
            lookups,  # noqa: F401 (registers the integer `in` lookup)
        )
        from unesco_office.core.cache import content_changed, project_models
        from unesco_office.public import (
            prebuilt,
            seo,  # noqa: F401 (registers the office's schema.org data)
        )
        from unesco_office.public.search import documents
        from unesco_office.staff import audit, languages, translations

        audit.connect()
        # Every record's search documents follow its saves (see public/search/documents.py);
        # records that have none yet (a site upgraded to this version) get them on migrating.
        documents.connect()
        post_migrate.connect(documents.after_migrate, sender=self, dispatch_uid="search-docs")
        # The admin's language, chosen by each staff member, follows them as they sign in.
        user_logged_in.connect(languages.remember_on_sign_in, dispatch_uid="staff-language")
        # SQLite's connections get a collation for each language (see core.collation).
        connection_created.connect(collation.register, dispatch_uid="collations")
        # Any write to the project's records drops the cached pages (see cache.py).
        for model in project_models():
            for signal in (post_save, post_delete, m2m_changed):
                signal.connect(content_changed, sender=model, dispatch_uid="page-cache")
                # The large downloads are built again (see public/prebuilt.py).
                signal.connect(prebuilt.content_changed, sender=model, dispatch_uid="downloads")
            # Every saved translation keeps the English it was made from (the desk's
            # "out of date"; see staff/translations.py). Which models are translated is
            # known once modeltranslation, a later app, is ready: the receiver asks then.
            post_save.connect(
                translations.record_sources, sender=model, dispatch_uid="translations"
            )


class OfficeAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with the office's admin site as the default site."""

    default = False
    default_site = "unesco_office.staff.site.OfficeAdminSite"

    def ready(self):
        super().ready()  # registers every app's admin
        from django.contrib.auth import get_user_model

        from unesco_office.staff.users import StaffUserAdmin

        user_model = get_user_model()
        self.module.site.unregister(user_model)
        self.module.site.register(user_model, StaffUserAdmin)


# The sign-in apps' sections of the admin, named for the people who read it (the packages
# give none: the admin would show "AXES", "OTP_TOTP" and "OTP_STATIC").


class LoginThrottleConfig(AxesConfig):
    verbose_name = _("Sign-in attempts")


class AuthenticatorAppsConfig(TOTPDeviceConfig):
    verbose_name = _("Two-factor sign-in: authenticator apps")


class RecoveryCodesConfig(StaticDeviceConfig):
    verbose_name = _("Two-factor sign-in: recovery codes")
