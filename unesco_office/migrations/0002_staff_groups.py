"""The Editors and Publishers groups with their permissions, as they were at this migration.

Frozen here rather than imported, so that this migration does tomorrow what it did when it
was written; unesco_office.staff.roles keeps the live definition (a test checks the two
agree once every migration has run).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS, PUBLISHERS = "Editors", "Publishers"
CONTENT_MODELS = {
    "sectors": ["sector"],
    "countries": ["country", "site", "centre"],
    "events": ["event"],
}


def create_groups(apps, schema_editor):
    using = schema_editor.connection.alias
    # The permissions of a new database are created after its migrations: create them now.
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
    editors.permissions.add(*permissions("unesco_office", ["view_officeprofile"]))
    publishers.permissions.add(
        *permissions("unesco_office", ["view_officeprofile", "change_officeprofile"])
    )


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(
        name__in=[EDITORS, PUBLISHERS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("unesco_office", "0001_initial"),
        ("sectors", "0001_initial"),
        ("countries", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
