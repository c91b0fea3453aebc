"""/events/feed/: an Atom feed of the event list under the list's filters."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from events.models import Event
from tests.factories import CountryFactory, EventFactory, SectorFactory
from tests.opendata import read_atom
from unesco_office.core.models import Publishable
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db

URL = reverse("events:feed")
NOW = datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC)
TODAY = NOW.date()


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def places():
    OfficeProfile.objects.create(name="UNESCO Testing Office", short_name="UNESCO Testing")
    return {
        "mongolia": CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG"),
        "korea": CountryFactory(
            name="Republic of Korea",
            slug="republic-of-korea",
            iso2="KR",
            iso3="KOR",
            time_zone="Asia/Seoul",
            order=1,
        ),
        "culture": SectorFactory(name="Culture", slug="culture", code="CLT"),
        "education": SectorFactory(name="Education", slug="education", code="ED", order=1),
    }


def titles(feed):
    return [entry.title for entry in feed.entries]


def later(minutes):
    """A moment after NOW, for records changed one after the other."""
    return time_machine.travel(NOW + datetime.timedelta(minutes=minutes), tick=False)


# --- What it holds ---------------------------------------------------------------------------


def test_feed_is_atom_of_the_upcoming_events_with_everything_an_entry_needs(client, places):
    EventFactory(
        title="Heritage Forum",
        slug="heritage-forum",
        kind=Event.Kind.FORUM,
        start_date=day(134),
        end_date=day(137),
        country=places["korea"],
        city="Seoul",
        summary="Site managers meet.",
        sectors=[places["education"], places["culture"]],
    )
    EventFactory(title="Last year", start_date=day(-400))
    EventFactory(title="Draft", status=Publishable.Status.DRAFT, published_at=None)
    EventFactory(title="Scheduled", published_at=NOW + datetime.timedelta(hours=1))
    EventFactory(title="Expired", unpublish_at=NOW - datetime.timedelta(hours=1))

    response = client.get(URL)
    feed = read_atom(response)

    assert response.status_code == 200
    assert titles(feed) == ["Heritage Forum"]
    assert feed.feed.title == "Upcoming events · UNESCO Testing"
    assert feed.feed.link == "http://testserver/events/"
    assert feed.feed.author == "UNESCO Testing"
    entry = feed.entries[0]
    assert entry.link == "http://testserver/events/heritage-forum/"
    assert entry.author == "UNESCO Testing"
    assert " ".join(strip_tags(entry.summary).split()) == (
        "22–25 October 2026 · Seoul, Republic of Korea Site managers meet."
    )
    # The kind, then the sectors in their order.
    assert [tag.term for tag in entry.tags] == ["Forum", "Culture", "Education"]
    assert entry.published == "2026-06-09T09:00:00+00:00"


@pytest.mark.parametrize(
    ("fields", "title", "note"),
    [
        ({"event_status": "cancelled"}, "Cancelled: Heritage Forum", "This event is cancelled."),
        (
            {"event_status": "postponed"},
            "Postponed: Heritage Forum",
            "This event is postponed; its new dates are not known yet.",
        ),
        (
            {
                "event_status": "rescheduled",
                "previous_start_date": datetime.date(2026, 7, 1),
                "previous_end_date": datetime.date(2026, 7, 2),
            },
            "Heritage Forum",
            "This event has new dates. It was first planned for 1–2 July 2026.",
        ),
        ({"event_status": "moved-online"}, "Heritage Forum", "This event has moved online."),
    ],
)
def test_an_entry_says_what_happened_to_its_event(client, places, fields, title, note):
    EventFactory(
        title="Heritage Forum",
        start_date=day(40),
        country=places["korea"],
        city="Seoul",
        summary="Site managers meet.",
        **fields,
    )

    (entry,) = read_atom(client.get(URL)).entries

    assert entry.title == title
    summary = " ".join(strip_tags(entry.summary).split())
    place = "Online" if fields["event_status"] == "moved-online" else "Seoul, Republic of Korea"
    assert summary == f"{note} 20 July 2026 · {place} Site managers meet."


def test_feed_takes_the_list_filters(client, places):
    EventFactory(title="Steppe Forum", country=places["mongolia"], sectors=[places["culture"]])
    EventFactory(
        title="Past steppe",
        country=places["mongolia"],
        sectors=[places["culture"]],
        start_date=day(-9),
    )
    EventFactory(title="Steppe school", country=places["mongolia"], sectors=[places["education"]])
    EventFactory(title="Seoul Forum", country=places["korea"], sectors=[places["culture"]])
    query = "country=mongolia&sector=culture&when=all&page=3"

    response = client.get(f"{URL}?{query}")
    feed = read_atom(response)

    assert sorted(titles(feed)) == ["Past steppe", "Steppe Forum"]
    assert feed.feed.title == "Events: Mongolia, Culture · UNESCO Testing"
    # The list it comes from, with the same filters; the page number plays no part.
    assert feed.feed.link == "http://testserver/events/?country=mongolia&sector=culture&when=all"
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link == f"http://testserver/events/feed/?{query}"


def test_feed_title_names_a_search_and_dates(client, places):
    EventFactory(title="Heritage day", start_date=day(3))

    feed = read_atom(client.get(URL, {"q": "heritage", "from": "2026-06-01", "to": "2026-07-01"}))

    assert titles(feed) == ["Heritage day"]
    assert feed.feed.title == (
        "Upcoming events: “heritage”, from 2026-06-01, until 2026-07-01 · UNESCO Testing"
    )


def test_entries_come_newest_change_first_and_stop_at_fifty(client, places):
    for i in range(52):
        with later(i):
            EventFactory(title=f"Event {i:02}", start_date=day(1 + i % 5))
    with later(100):
        edited = Event.objects.get(title="Event 00")
        edited.summary = "Now with a summary."
        edited.save()
    # Edited before the others but published after them: its publication is its change.
    with later(30):
        EventFactory(title="Scheduled", published_at=NOW + datetime.timedelta(minutes=200))

    with later(300):
        feed = read_atom(client.get(URL))

    assert len(feed.entries) == 50
    assert titles(feed)[:3] == ["Scheduled", "Event 00", "Event 51"]
    assert feed.entries[0].updated == "2026-06-10T12:20:00+00:00"
    assert feed.entries[1].updated == "2026-06-10T10:40:00+00:00"


def test_entry_id_stays_the_same_when_the_title_and_slug_change(client, places):
    event = EventFactory(title="Forum", slug="forum")
    before = read_atom(client.get(URL)).entries[0]

    event.title = "Heritage Forum"
    event.slug = "heritage-forum"
    event.save()
    after = read_atom(client.get(URL)).entries[0]
    french = read_atom(client.get(f"/fr{URL}")).entries[0]

    # The date the record was created, by the database's clock.
    created = Event.objects.get(pk=event.pk).created_at
    assert before.id == after.id == french.id
    assert before.id == f"tag:testserver,{created:%Y-%m-%d}:events.event/{event.pk}"
    assert after.link == "http://testserver/events/heritage-forum/"


def test_titles_come_out_as_written(client, places):
    EventFactory(title='R&D <Forum> "2026" & more')

    feed = read_atom(client.get(URL))

    assert titles(feed) == ['R&D <Forum> "2026" & more']


def test_french_feed_speaks_french_and_falls_back_to_english(client, places):
    mongolia = places["mongolia"]
    mongolia.name_fr = "Mongolie"
    mongolia.save()
    EventFactory(
        title="Steppe Forum", title_fr="Forum de la steppe", slug="steppe", country=mongolia
    )
    EventFactory(title="Untranslated", slug="untranslated", country=mongolia, start_date=day(20))

    with translation.override("fr"):
        url = reverse("events:feed")
    response = client.get(url, {"country": "mongolia"})
    feed = read_atom(response)

    assert url == "/fr/events/feed/"
    assert 'xml:lang="fr"' in response.text
    # "%(list)s: %(filters)s" is written each language's way (a space before the colon).
    assert feed.feed.title.startswith("Événements à venir")
    assert feed.feed.title.endswith("Mongolie · UNESCO Testing")
    assert sorted(titles(feed)) == ["Forum de la steppe", "Untranslated"]
    assert {entry.link for entry in feed.entries} == {
        "http://testserver/fr/events/steppe/",
        "http://testserver/fr/events/untranslated/",
    }
    # The city has no French name: its English one says so.
    assert all(
        '<span lang="en">Ulaanbaatar</span>, Mongolie' in entry.summary for entry in feed.entries
    )


def test_an_empty_feed_is_still_valid(client, places):
    feed = read_atom(client.get(URL))

    assert feed.entries == []
    assert feed.feed.title == "Upcoming events · UNESCO Testing"


# --- What it cannot use ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("country=atlantis", "Country: nothing matches “atlantis”, so it was left out."),
        ("from=2026-13-01", "“From” is not a date such as 2026-10-22, so it was not used."),
        ("when=someday", "The period in the address is unknown, so upcoming events are shown."),
        ("q=" + "x" * 200, "The search is longer than 100 characters, so it was not used."),
    ],
)
def test_filters_it_cannot_use_give_a_400_that_says_why(client, places, query, problem):
    EventFactory(country=places["mongolia"])

    response = client.get(f"{URL}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert f"- {problem}\n" in response.text
    assert f"http://testserver/events/?{query}" in response.text


def test_french_feed_explains_in_french(client, places):
    response = client.get("/fr/events/feed/?country=atlantis")

    assert response.status_code == 400
    assert "Pays" in response.text and "atlantis" in response.text


def test_unknown_parameters_are_ignored(client, places):
    EventFactory(title="Soon")

    feed = read_atom(client.get(URL, {"utm_source": "reader", "format": "csv"}))

    assert titles(feed) == ["Soon"]


# --- Queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "country=mongolia&sector=culture&when=all&q=forum"])
def test_feed_runs_four_queries_for_5_or_50_events(
    client, places, django_assert_num_queries, query, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # the feed's own queries, not a page cache's

    def grow(n):
        for i in range(n):
            EventFactory(
                title=f"Forum {i}",
                country=places["mongolia"],
                start_date=day(i % 30 - 2),
                sectors=[places["culture"], places["education"]],
            )

    grow(5)
    # The change stamp (ETag), the office, the filters' choices, the entries with their
    # sectors; with a search, the editors' synonyms and how long the cache may keep them (the next
    # scheduled change), read once after a change of content, as here.
    expected = 6 if "q=" in query else 4
    with django_assert_num_queries(expected):
        few = read_atom(client.get(f"{URL}?{query}"))
    grow(45)
    with django_assert_num_queries(expected):
        many = read_atom(client.get(f"{URL}?{query}"))

    assert len(many.entries) > len(few.entries) >= 3


# --- On the list page ------------------------------------------------------------------------


def test_list_page_links_to_the_feed_of_its_own_filters(client, places):
    html = client.get(reverse("events:list"), {"country": "mongolia", "page": "2"}).text

    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Upcoming events (Atom feed)" href="/events/feed/?country=mongolia">'
    ) in html
    assert (
        '<a href="/events/feed/?country=mongolia" type="application/atom+xml" rel="nofollow">'
        "Atom feed</a>" in html
    )


def test_unfiltered_list_links_to_the_whole_feed(client, places):
    html = client.get(f"/fr{reverse('events:list')}").text

    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" title="Événements à venir [^"]*" '
        r'href="/fr/events/feed/">',
        html,
    )


def test_an_event_cannot_take_the_feed_address_as_its_slug(places):
    event = EventFactory.build(slug="feed", country=places["mongolia"])

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert error.value.message_dict["slug"] == [
        "“feed” is already the address of another page, so this record's page could not be "
        "reached: choose another slug."
    ]


def test_control_characters_are_left_out_of_the_feed(client, places):
    EventFactory(title="Heritage\x0bForum", summary="Line\x0cbreak", start_date=day(1))

    feed = read_atom(client.get(URL))
    searched = read_atom(client.get(URL, {"q": "\x02forum"}))

    assert titles(feed) == ["HeritageForum"]
    assert "Linebreak" in feed.entries[0].summary
    assert searched.feed.title == "Upcoming events: “forum” · UNESCO Testing"
