from django.db import migrations

from unesco_office.roles import EDITORS, PUBLISHERS, sync_staff_groups


def create_groups(apps, schema_editor):
    sync_staff_groups(apps, using=schema_editor.connection.alias)


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
