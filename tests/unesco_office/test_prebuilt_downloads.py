"""Large downloads: built by the background worker, served as files from the media storage."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from events.models import Event
from tests.factories import EventFactory
from unesco_office.models import PrebuiltDownload
from unesco_office.public import prebuilt

ADDRESS = "/events/?when=all&format=csv"
QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def large(settings, db):
    """Five events, two more than a download may hold to be written while it is sent."""
    settings.DOWNLOAD_STREAM_ROWS = 3
    return [EventFactory(title=f"Forum {n}") for n in range(5)]


def stored(response):
    """The text of the file a download's redirect points to."""
    assert response.status_code == 302, response.status_code
    name = response["Location"].removeprefix("/media/")
    with default_storage.open(name) as file:
        return file.read().decode("utf-8-sig")


def streamed(client, settings, address=ADDRESS):
    settings.DOWNLOAD_STREAM_ROWS = 1000
    response = client.get(address)
    settings.DOWNLOAD_STREAM_ROWS = 3
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_a_large_download_is_the_file_the_worker_built_from_the_same_view(client, large, settings):
    response = client.get(ADDRESS)

    assert response["Location"].startswith("/media/downloads/list-")
    assert response["Location"].endswith(".csv")
    assert "no-cache" in response["Cache-Control"]
    text = stored(response)
    assert text == streamed(client, settings)
    assert [f"Forum {n}" in text for n in range(5)] == [True] * 5


def test_the_next_request_is_redirected_without_building_again(
    client, large, monkeypatch, django_assert_max_num_queries
):
    first = client.get(ADDRESS)
    monkeypatch.setattr(prebuilt, "queue_build", lambda download: pytest.fail("built again"))

    # The change stamp, the filters' choices, the size, the download's address.
    with django_assert_max_num_queries(4):
        again = client.get("/events/?format=csv&when=all")  # the same address, reordered

    assert again["Location"] == first["Location"]
    assert PrebuiltDownload.objects.count() == 1


def test_a_change_builds_a_new_file_and_drops_the_old_one(client, large):
    first = client.get(ADDRESS)["Location"]

    large[0].title = "Steppe forum"
    large[0].save()
    response = client.get(ADDRESS)

    assert response["Location"] != first
    assert "Steppe forum" in stored(response)
    assert not default_storage.exists(first.removeprefix("/media/"))


def test_each_language_and_format_has_its_own_file(client, large):
    Event.objects.filter(pk=large[0].pk).update(title_fr="Forum des steppes")

    french = client.get("/fr/events/", {"when": "all", "format": "json"})

    assert french["Location"].endswith(".json")
    assert '"language": "fr"' in stored(french)
    assert "Forum des steppes" in stored(french)
    assert PrebuiltDownload.objects.get().path == "/fr/events/"


def test_small_downloads_are_still_written_while_they_are_sent(client, large, settings):
    settings.DOWNLOAD_STREAM_ROWS = 5

    response = client.get(ADDRESS)

    assert response.status_code == 200 and response.streaming
    assert not PrebuiltDownload.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_with_a_worker_the_first_request_is_asked_to_come_back(client, settings):
    settings.DOWNLOAD_STREAM_ROWS = 3
    settings.TASKS = QUEUED
    for n in range(5):
        EventFactory(title=f"Forum {n}")

    first = client.get(ADDRESS)

    assert first.status_code == 503
    assert first["Retry-After"] == "30"
    assert "being prepared" in first.text
    assert client.get(ADDRESS).status_code == 503  # queued once, not twice
    Event.objects.filter(title="Forum 4").update(title_fr="Forum des steppes")
    french = "/fr/events/?when=all&format=csv"
    assert client.get(french).status_code == 503
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert "Forum 4" in stored(client.get(ADDRESS))
    # Built by the worker, in the address's language: its titles and its links.
    text = stored(client.get(french))
    assert "Forum des steppes" in text and "http://testserver/fr/events/" in text


@pytest.mark.django_db(transaction=True)
def test_a_change_queues_a_new_build_of_the_downloads_asked_for(client, settings):
    settings.DOWNLOAD_STREAM_ROWS = 3
    settings.TASKS = QUEUED
    events = [EventFactory(title=f"Forum {n}") for n in range(5)]
    client.get(ADDRESS)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    before = client.get(ADDRESS)["Location"]

    events[0].title = "Steppe forum"
    events[0].save()  # committed: a refresh is queued, which queues the build
    assert client.get(ADDRESS)["Location"] == before  # the file before, until it is built
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    after = client.get(ADDRESS)
    assert after["Location"] != before
    assert "Steppe forum" in stored(after)


def test_a_download_no_one_asked_for_lately_is_forgotten_with_its_file(client, large):
    name = client.get(ADDRESS)["Location"].removeprefix("/media/")
    PrebuiltDownload.objects.update(
        requested_at=timezone.now() - datetime.timedelta(days=prebuilt.RECENT_DAYS + 1)
    )

    prebuilt.refresh.call()

    assert not PrebuiltDownload.objects.exists()
    assert not default_storage.exists(name)


def test_new_addresses_wait_while_the_worker_has_enough_to_build(
    client, large, settings, monkeypatch
):
    settings.TASKS = QUEUED
    monkeypatch.setattr(prebuilt, "MAX_WAITING", 2)
    statuses = [
        client.get("/events/", {"when": "all", "format": "csv", "country": ""}).status_code,
        client.get(ADDRESS).status_code,
    ]

    third = client.get("/fr/events/", {"when": "all", "format": "csv"})

    assert statuses == [503, 503]
    assert third.status_code == 503 and third["Retry-After"] == "30"
    assert "De nombreux téléchargements volumineux sont en cours de préparation" in third.text
    assert PrebuiltDownload.objects.count() == 2  # the third address is not kept
    assert client.get(ADDRESS).status_code == 503  # those kept still answer
