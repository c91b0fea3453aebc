import pytest
from django.contrib.auth.models import Group

from unesco_office.staff.roles import CONTENT_MODELS, EDITORS, PUBLISHERS, sync_staff_groups

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_editors_get_writing_rights_and_publishers_publishing_rights():
    models = [model for names in CONTENT_MODELS.values() for model in names]
    sync_staff_groups()  # as migration 0002 does; a transactional test may have emptied them

    editors, publishers = codenames(EDITORS), codenames(PUBLISHERS)

    for model in models:
        assert {f"add_{model}", f"change_{model}", f"view_{model}"} <= editors
        assert not {f"publish_{model}", f"delete_{model}"} & editors
        assert {f"publish_{model}", f"delete_{model}", f"change_{model}"} <= publishers
    assert "change_officeprofile" in publishers - editors


def test_sync_restores_emptied_groups_and_changes_nothing_when_run_again():
    Group.objects.all().delete()

    sync_staff_groups()
    first = codenames(EDITORS), codenames(PUBLISHERS)
    sync_staff_groups()

    assert (codenames(EDITORS), codenames(PUBLISHERS)) == first
    assert Group.objects.count() == 2
