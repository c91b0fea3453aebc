"""/sites/feed/: an Atom feed of newly inscribed or changed sites, under the site list's filters."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import strip_tags

from countries.models import Site
from tests.factories import CountryFactory, SectorFactory, SiteFactory
from tests.opendata import read_atom
from unesco_office.core.models import Publishable
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db

URL = reverse("countries:site-feed")
NOW = datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


def later(minutes):
    return time_machine.travel(NOW + datetime.timedelta(minutes=minutes), tick=False)


@pytest.fixture
def places():
    OfficeProfile.objects.create(name="UNESCO Testing")
    return {
        "mongolia": CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG"),
        "china": CountryFactory(name="China", slug="china", iso2="CN", iso3="CHN", order=1),
        "russia": CountryFactory(
            name="Russian Federation", slug="russia", iso2="RU", iso3="RUS", is_covered=False
        ),
        "culture": SectorFactory(name="Culture", slug="culture", code="CLT"),
        "science": SectorFactory(name="Natural Sciences", slug="science", code="SC", order=1),
    }


def test_feed_lists_sites_newest_change_first(client, places):
    with later(1):
        SiteFactory(name="Great Wall", countries=[places["china"]], sector=places["culture"])
    with later(2):
        SiteFactory(
            name="Uvs Nuur Basin",
            countries=[places["mongolia"], places["russia"]],
            sector=places["science"],
            wh_category=Site.Category.NATURAL,
            year_designated=2003,
            summary="A closed lake basin.",
        )
    with later(3):
        SiteFactory(name="Draft", status=Publishable.Status.DRAFT, published_at=None)
    with later(4):
        wall = Site.objects.get(name="Great Wall")
        wall.summary = "A wall across northern China."
        wall.save()

    feed = read_atom(client.get(URL))

    assert [entry.title for entry in feed.entries] == ["Great Wall", "Uvs Nuur Basin"]
    assert feed.feed.title == "Designated sites · UNESCO Testing"
    uvs = feed.entries[1]
    assert uvs.link == f"http://testserver/sites/{Site.objects.get(name='Uvs Nuur Basin').slug}/"
    assert " ".join(strip_tags(uvs.summary).split()) == (
        "World Heritage site, 2003 · Natural · Mongolia, Russian Federation A closed lake basin."
    )
    assert [tag.term for tag in uvs.tags] == ["World Heritage site", "Natural Sciences"]
    assert feed.entries[0].updated == "2026-06-10T09:04:00+00:00"


def test_feed_takes_the_site_list_filters(client, places):
    SiteFactory(name="Orkhon Valley", countries=[places["mongolia"]], sector=places["culture"])
    SiteFactory(
        name="Bogd Khan",
        countries=[places["mongolia"]],
        sector=places["science"],
        designation=Site.Designation.BIOSPHERE_RESERVE,
        wh_category="",
    )
    SiteFactory(name="Great Wall", countries=[places["china"]], sector=places["culture"])

    feed = read_atom(client.get(URL, {"country": "mongolia", "designation": "world-heritage"}))

    assert [entry.title for entry in feed.entries] == ["Orkhon Valley"]
    assert feed.feed.title == "Designated sites: Mongolia, World Heritage site · UNESCO Testing"
    assert feed.feed.link == (
        "http://testserver/sites/?country=mongolia&designation=world-heritage"
    )


def test_french_feed_speaks_french(client, places):
    SiteFactory(name="Great Wall", name_fr="La Grande Muraille", countries=[places["china"]])

    response = client.get(f"/fr{URL}")
    feed = read_atom(response)

    assert 'xml:lang="fr"' in response.text
    assert feed.feed.title == "Sites désignés · UNESCO Testing"
    assert feed.entries[0].title == "La Grande Muraille"
    assert feed.entries[0].link.startswith("http://testserver/fr/sites/")


def test_filters_it_cannot_use_give_a_400_that_says_why(client, places):
    response = client.get(URL, {"from": "1800"})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "- “From” is not a year from 1945 to 2100, so it was not used.\n" in response.text


@pytest.mark.parametrize("query", ["", "country=mongolia&designation=world-heritage&from=2000"])
def test_feed_runs_five_queries_for_5_or_50_sites(
    client, places, django_assert_num_queries, query, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # the feed's own queries, not a page cache's

    def grow(n):
        for i in range(n):
            SiteFactory(
                countries=[places["mongolia"], places["china"]][: i % 2 + 1],
                sector=places["culture"],
                year_designated=2000 + i % 20,
            )

    grow(5)
    # The change stamp (ETag), the office, the filters' choices, the entries, their countries.
    with django_assert_num_queries(5):
        few = read_atom(client.get(f"{URL}?{query}"))
    grow(45)
    with django_assert_num_queries(5):
        many = read_atom(client.get(f"{URL}?{query}"))

    assert len(many.entries) > len(few.entries) >= 5


def test_site_list_links_to_the_feed_of_its_filters(client, places):
    html = client.get(reverse("countries:site-list"), {"country": "china"}).text

    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Designated sites (Atom feed)" href="/sites/feed/?country=china">'
    ) in html
    assert (
        '<a href="/sites/feed/?country=china" type="application/atom+xml" rel="nofollow">'
        "Atom feed</a>" in html
    )
    assert (
        'Download: <a href="/sites/?country=china&amp;format=csv" rel="nofollow">CSV</a> · '
        '<a href="/sites/?country=china&amp;format=json" rel="nofollow">JSON</a>'
    ) in html


def test_a_site_cannot_take_the_feed_address_as_its_slug(places):
    site = SiteFactory.build(slug="feed", sector=places["culture"])

    with pytest.raises(ValidationError) as error:
        site.full_clean()

    assert error.value.message_dict["slug"] == [
        "“feed” is already the address of another page, so this record's page could not be "
        "reached: choose another slug."
    ]
