import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation
from django.utils.text import slugify

from countries.models import Country
from tests.factories import SectorFactory
from unesco_office.core.cache import new_generation
from unesco_office.staff.roles import sync_staff_groups

# The office's covered countries, as the World Heritage import tests use them.
COVERED = [
    ("CN", "CHN", "China"),
    ("JP", "JPN", "Japan"),
    ("KR", "KOR", "Republic of Korea"),
    ("MN", "MNG", "Mongolia"),
    ("KP", "PRK", "Democratic People's Republic of Korea"),
]


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request to /fr/ leaves French active in this thread; the next test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def no_cached_pages():
    """Each test starts with no cached page (the test settings keep the cache in memory)."""
    new_generation()


@pytest.fixture
def uncached(settings):
    """Pages rendered on every request: for tests that count a page's own queries (the page
    cache's are counted in tests/unesco_office/test_cache.py)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def media_storage(settings, tmp_path):
    """Uploads and renditions go to a temporary folder, never to the real media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _staff(django_user_model, username, group=None):
    user = django_user_model.objects.create_user(
        username=username, password="a-long-test-password", is_staff=True
    )
    if group:
        # Transactional tests empty the database after they run; the groups come back here.
        sync_staff_groups()
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return _staff(django_user_model, "editor", "Editors")


@pytest.fixture
def publisher(db, django_user_model):
    return _staff(django_user_model, "publisher", "Publishers")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(publisher):
    client = Client()
    client.force_login(publisher)
    return client


@pytest.fixture
def office(db):
    """The five covered countries and the two sectors that follow World Heritage sites."""
    for iso2, iso3, name in COVERED:
        Country.objects.create(
            iso2=iso2,
            iso3=iso3,
            name=name,
            slug=slugify(name),
            is_covered=True,
            status=Country.Status.PUBLISHED,
        )
    return {
        "CLT": SectorFactory(code="CLT", name="Culture", slug="culture"),
        "SC": SectorFactory(code="SC", name="Natural Sciences", slug="natural-sciences"),
    }
