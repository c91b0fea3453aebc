"""The two staff roles. Editors write drafts and submit them for review; Publishers also
review, publish, delete and restore, and read the audit trail. Both keep the site search's
synonyms and promoted results, and read the searches that found nothing."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

EDITORS, PUBLISHERS = "Editors", "Publishers"
CONTENT_MODELS = {
    "sectors": ["sector"],
    "countries": ["country", "site", "centre"],
    "events": ["event"],
}
SEARCH_PERMISSIONS = [
    *(f"{action}_{model}" for model in ("searchsynonym", "promotedresult")
      for action in ("add", "change", "delete", "view")),
    "view_searchmiss",
]  # fmt: skip


def sync_staff_groups(apps=global_apps, using=DEFAULT_DB_ALIAS):
    """Create both groups if needed and give them their permissions; safe to run again.

    `apps` is the registry to use: a migration passes its historical one, in which the
    permissions may not exist yet, so they are created first.
    """
    for app_label in [*CONTENT_MODELS, "unesco_office"]:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = getattr(app_config, "models_module", None) or True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(app_label, codenames):
        return Permission.objects.using(using).filter(
            content_type__app_label=app_label, codename__in=codenames
        )

    editors, _ = Group.objects.using(using).get_or_create(name=EDITORS)
    publishers, _ = Group.objects.using(using).get_or_create(name=PUBLISHERS)
    for app_label, models in CONTENT_MODELS.items():
        for model in models:
            write = [f"add_{model}", f"change_{model}", f"view_{model}"]
            editors.permissions.add(*permissions(app_label, write))
            publishers.permissions.add(
                *permissions(app_label, [*write, f"delete_{model}", f"publish_{model}"])
            )
    editors.permissions.add(
        *permissions("unesco_office", ["view_officeprofile", *SEARCH_PERMISSIONS])
    )
    publishers.permissions.add(
        *permissions(
            "unesco_office",
            ["view_officeprofile", "change_officeprofile", "view_auditentry", *SEARCH_PERMISSIONS],
        )
    )
