"""load_demo_data and create_demo_login: demo content that loads twice without a trace,
and a demo login, both refused on a site running with DEBUG off unless forced."""

import datetime
import io
import re
import shutil
import tempfile
from pathlib import Path
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory, TestCase, override_settings
from django.utils import timezone, translation
from reversion.models import Revision, Version

from countries.models import Centre, Country, Site
from events.models import Event
from sectors.models import Sector
from unesco_office.demo import loader, placeholders
from unesco_office.demo.data.events import GENERATED_EVENTS, SEED_EVENTS
from unesco_office.models import OfficeProfile, SearchSynonym

# Placeholders are drawn this small in tests: the code path is the same, the encoding cheap.
SMALL_IMAGES = (64, 36)
MODELS = [OfficeProfile, Sector, Country, Site, Centre, Event]
ILLUSTRATED = [Sector, Country, Site, Centre, Event]
M2M_TABLES = [Site.countries.through, Event.sectors.through, Event.sites.through]
COVERED = {"CN", "KP", "JP", "MN", "KR"}


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def snapshot():
    """Every column of every demo record and every many-to-many link."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in [*MODELS, *M2M_TABLES]
    }


def files_under(root):
    return sorted(str(path.relative_to(root)) for path in Path(root).rglob("*") if path.is_file())


def summary_counts(output):
    """{"Events": (created, updated, unchanged), …} from the command's summary lines."""
    return {
        label: tuple(int(n) for n in numbers)
        for label, *numbers in re.findall(
            r"^(.+): (\d+) created, (\d+) updated, (\d+) unchanged$", output, re.MULTILINE
        )
    }


class LoadedDemoDataTests(TestCase):
    """The demo data is loaded once for the class (twice, in fact) and rolled back after it."""

    @classmethod
    def setUpTestData(cls):
        cls.media_root = tempfile.mkdtemp(prefix="demo-media-")
        cls.addClassCleanup(shutil.rmtree, cls.media_root, ignore_errors=True)
        with (
            override_settings(MEDIA_ROOT=cls.media_root),
            mock.patch.object(loader, "IMAGE_SIZE", SMALL_IMAGES),
        ):
            with override_settings(DEBUG=False):
                cls.first_output = run("load_demo_data", "--force")
            cls.first = snapshot()
            cls.first_files = files_under(cls.media_root)
            cls.first_versions = Version.objects.count()
            cls.first_revisions = Revision.objects.count()
            with override_settings(DEBUG=True):
                cls.second_output = run("load_demo_data")
            cls.second = snapshot()
            cls.second_files = files_under(cls.media_root)
        cls.today = timezone.localdate()

    def generated_events(self):
        return Event.objects.exclude(slug__in=[event.slug for event in SEED_EVENTS])

    def test_force_loads_everything_while_debug_is_off_and_reports_what_it_created(self):
        counts = summary_counts(self.first_output)
        assert counts == {
            "Office profile": (1, 0, 0),
            "Sectors": (Sector.objects.count(), 0, 0),
            "Countries": (Country.objects.count(), 0, 0),
            "Sites": (Site.objects.count(), 0, 0),
            "Category 2 centres": (Centre.objects.count(), 0, 0),
            "Events": (Event.objects.count(), 0, 0),
            "Search synonyms": (SearchSynonym.objects.count(), 0, 0),
        }
        assert Event.objects.count() >= 48
        assert SearchSynonym.objects.count() >= 5

    def test_loading_again_changes_nothing(self):
        assert self.second == self.first
        assert self.second_files == self.first_files
        assert Version.objects.count() == self.first_versions
        assert Revision.objects.count() == self.first_revisions
        counts = summary_counts(self.second_output)
        assert all(created == updated == 0 for created, updated, _ in counts.values())
        assert (
            sum(unchanged for *_, unchanged in counts.values())
            == sum(len(self.first[model._meta.label]) for model in MODELS)
            + SearchSynonym.objects.count()
        )

    def test_history_shows_one_demo_data_revision_with_every_record(self):
        revision = Revision.objects.get()
        assert revision.comment == "Demo data"
        assert revision.version_set.count() == sum(model.objects.count() for model in MODELS)

    def test_each_image_file_is_stored_once_with_its_renditions(self):
        images = [
            obj.image.name for model in ILLUSTRATED for obj in model.objects.exclude(image="")
        ]
        originals = [name for name in self.first_files if name.startswith("images/")]
        assert sorted(images) == originals
        assert len(self.first_files) > len(originals)  # the WebP renditions

    def test_every_image_has_alt_text_a_credit_and_its_dimensions(self):
        for model in ILLUSTRATED:
            for obj in model.objects.exclude(image=""):
                assert obj.image_alt.strip(), obj
                assert obj.image_credit == loader.IMAGE_CREDIT
                assert (obj.image_width, obj.image_height) == SMALL_IMAGES
        assert not Sector.objects.filter(image="").exists()
        assert not Country.objects.filter(image="").exists()
        assert Event.objects.filter(image="").exists()  # pages must cope without a picture

    def test_loading_again_redraws_an_earlier_placeholder_and_keeps_a_staff_image(self):
        """A placeholder whose alt texts describe another drawing (the words of an earlier
        demo) is drawn again in place; an image staff uploaded is never touched."""
        from PIL import Image

        education = Sector.objects.get(code="ED")
        earlier_drawing = Path(self.media_root, education.image.name)
        earlier_drawing.write_bytes(b"an earlier drawing")
        Sector.objects.filter(code="ED").update(
            image_alt_en="Placeholder graphic: the words “Education” on a coloured background"
        )
        Sector.objects.filter(code="SC").update(
            image_credit="Photo © the office", image_alt_en="Terraced fields"
        )
        with (
            override_settings(MEDIA_ROOT=self.media_root, DEBUG=True),
            mock.patch.object(loader, "IMAGE_SIZE", SMALL_IMAGES),
        ):
            output = run("load_demo_data")

        assert summary_counts(output)["Sectors"] == (0, 1, 4)
        redrawn = Sector.objects.get(code="ED")
        assert redrawn.image_alt_en == placeholders.ALT_TEXTS["image_alt_en"]
        assert redrawn.image_credit == loader.IMAGE_CREDIT
        with Image.open(Path(self.media_root, redrawn.image.name)) as drawn:
            assert (drawn.format, drawn.size) == ("JPEG", SMALL_IMAGES)
        staff = Sector.objects.get(code="SC")
        assert (staff.image_credit, staff.image_alt_en) == ("Photo © the office", "Terraced fields")
        originals = [name for name in files_under(self.media_root) if name.startswith("images/")]
        referenced = [obj.image.name for m in ILLUSTRATED for obj in m.objects.exclude(image="")]
        assert sorted(referenced) == originals  # the earlier drawing left no file behind

    def test_profile_and_sectors_carry_the_offices_own_facts(self):
        profile = OfficeProfile.load()
        assert profile.name == "UNESCO Beijing Cluster Office"
        assert profile.year_established == 1984
        assert profile.head_of_office == "Marielza Oliveira"
        assert profile.intro and profile.history
        assert list(Sector.objects.values_list("code", flat=True)) == [
            "ED",
            "SC",
            "SHS",
            "CLT",
            "CI",
        ]
        assert all(sector.tagline for sector in Sector.objects.published())

    def test_covered_countries_have_their_codes_and_time_zones(self):
        covered = {
            country.iso2: (country.iso3, country.time_zone)
            for country in Country.objects.filter(is_covered=True)
        }
        assert covered == {
            "CN": ("CHN", "Asia/Shanghai"),
            "KP": ("PRK", "Asia/Pyongyang"),
            "JP": ("JPN", "Asia/Tokyo"),
            "MN": ("MNG", "Asia/Ulaanbaatar"),
            "KR": ("KOR", "Asia/Seoul"),
        }
        partners = set(Country.objects.filter(is_covered=False).values_list("iso2", flat=True))
        assert {"KZ", "KG", "RU"} <= partners
        # Partner countries are there because they share a site with a covered country.
        for country in Country.objects.filter(is_covered=False):
            shared = Site.objects.filter(countries=country).filter(countries__iso2__in=COVERED)
            assert shared.exists(), country

    def test_sites_make_every_filter_meaningful(self):
        sites = Site.objects.published()
        assert set(sites.values_list("designation", flat=True)) == set(Site.Designation.values)
        world_heritage = sites.world_heritage()
        assert world_heritage.count() >= 12
        assert set(world_heritage.values_list("wh_category", flat=True)) == set(
            Site.Category.values
        )
        for iso2 in COVERED:
            assert world_heritage.filter(countries__iso2=iso2).exists(), iso2
        for site in world_heritage:
            assert site.official_url == f"https://whc.unesco.org/en/list/{site.official_id}/"
            assert site.criteria_list and site.latitude is not None
        great_wall = Site.objects.get(name="The Great Wall")
        assert (great_wall.official_id, great_wall.year_designated) == ("438", 1987)
        silk_roads = Site.objects.get(official_id="1442")
        assert set(silk_roads.countries.values_list("iso2", flat=True)) == {"CN", "KZ", "KG"}
        assert Site.objects.filter(extension_years__contains=",").exists()
        assert sites.filter(is_featured=True).count() >= 3
        assert len(set(sites.values_list("sector", flat=True))) >= 2
        assert len(set(sites.values_list("year_designated", flat=True))) >= 10

    def test_centres_each_have_country_sector_city_and_year(self):
        centres = Centre.objects.published()
        assert centres.count() >= 5
        assert not centres.filter(city="").exists()
        assert not centres.filter(year_established__isnull=True).exists()
        assert len({centre.country_id for centre in centres}) >= 4

    def test_seed_events_have_their_real_dates_and_places(self):
        expected = {
            "Celebration of World Day for Audiovisual Heritage in Mongolia": (
                datetime.date(2013, 10, 28),
                datetime.date(2013, 10, 28),
                "Ulaanbaatar",
                "MN",
            ),
            "7th International Conference on Theory and Practice of Electronic Governance "
            "(ICEGOV2013)": (
                datetime.date(2013, 10, 22),
                datetime.date(2013, 10, 25),
                "Seoul",
                "KR",
            ),
            "International Conference on Learning Cities": (
                datetime.date(2013, 10, 21),
                datetime.date(2013, 10, 23),
                "Beijing",
                "CN",
            ),
            "CONFINTEA VI Regional Follow-up Meeting in Asia and the Pacific": (
                datetime.date(2013, 10, 18),
                datetime.date(2013, 10, 19),
                "Jecheon City",
                "KR",
            ),
            "9th China Information Accessibility Forum": (
                datetime.date(2013, 10, 15),
                datetime.date(2013, 10, 16),
                "Beijing",
                "CN",
            ),
        }
        for title, (start, end, city, iso2) in expected.items():
            event = Event.objects.published().get(title=title)
            assert (event.start_date, event.end_date, event.city, event.country.iso2) == (
                start,
                end,
                city,
                iso2,
            )
        cse = Event.objects.get(title__contains="Flying Dreams and Sailing with Love")
        assert (cse.start_date, cse.end_date, cse.city) == (
            datetime.date(2022, 7, 21),
            datetime.date(2022, 7, 25),
            "Hangzhou",
        )
        forum = Event.objects.get(title__contains="Youth Forum on Creativity and Heritage")
        assert (forum.start_date.year, forum.city) == (2023, "Nanjing")
        theatre = Event.objects.get(title__contains="Reversing the Future")
        assert theatre.start_date.year == 2023
        assert "International Day of Persons with Disabilities" in theatre.title

    def test_generated_events_cover_past_and_upcoming_countries_sectors_and_kinds(self):
        events = self.generated_events()
        assert events.count() >= 40
        assert events.filter(end_date__lt=self.today).count() >= 10
        assert events.filter(end_date__gte=self.today).count() >= 10
        assert events.filter(start_date__lt=self.today, end_date__gte=self.today).exists()
        all_events = Event.objects.all()
        assert set(all_events.values_list("country__iso2", flat=True)) >= COVERED
        assert set(all_events.values_list("sectors__code", flat=True)) == {
            "ED",
            "SC",
            "SHS",
            "CLT",
            "CI",
        }
        assert set(all_events.values_list("kind", flat=True)) == set(Event.Kind.values)
        for code in ["ED", "SC", "SHS", "CLT", "CI"]:
            assert events.filter(sectors__code=code, end_date__gte=self.today).exists(), code
        for iso2 in COVERED:
            assert events.filter(country__iso2=iso2).exists(), iso2
        multi_day = [event for event in events if event.is_multi_day]
        assert len(multi_day) >= 10
        online = events.filter(is_online=True)
        assert online.exists() and not online.filter(country__isnull=False).exists()
        assert events.filter(start_time__isnull=False, end_time__isnull=False).count() >= 5
        assert events.exclude(registration_url="").count() >= 3
        assert events.filter(sites__isnull=False).exists()

    def test_drafts_and_a_scheduled_event_show_the_visibility_rules(self):
        drafts = Event.objects.filter(status=Event.Status.DRAFT)
        scheduled = Event.objects.filter(
            status=Event.Status.PUBLISHED, published_at__gt=timezone.now()
        )
        assert drafts.count() >= 2
        assert scheduled.count() == 1
        published = Event.objects.published()
        hidden = [*drafts.values_list("pk", flat=True), *scheduled.values_list("pk", flat=True)]
        assert not published.filter(pk__in=hidden).exists()
        assert published.count() == Event.objects.count() - drafts.count() - 1

    def test_events_show_each_status_a_calendar_must_follow(self):
        cancelled = Event.objects.get(event_status=Event.EventStatus.CANCELLED)
        rescheduled = Event.objects.get(event_status=Event.EventStatus.RESCHEDULED)
        assert Event.objects.filter(event_status=Event.EventStatus.MOVED_ONLINE).count() == 1
        assert cancelled.is_public and cancelled.start_time is not None
        assert cancelled.end_date >= self.today
        assert rescheduled.is_public and rescheduled.previous_start_date < rescheduled.start_date
        assert rescheduled.previous_dates.end_date - rescheduled.previous_dates.start_date == (
            rescheduled.end_date - rescheduled.start_date
        )
        assert Event.objects.exclude(uid=None).values("uid").distinct().count() == (
            Event.objects.count()
        )

    def test_on_a_later_day_only_the_generated_dates_move(self):
        before = {event.slug: event for event in Event.objects.all()}
        tomorrow = timezone.now() + datetime.timedelta(days=1)
        with (
            time_machine.travel(tomorrow, tick=False),
            override_settings(DEBUG=True),
            mock.patch.object(loader, "IMAGE_SIZE", SMALL_IMAGES),
        ):
            output = run("load_demo_data")
        generated = {event.slug for event in GENERATED_EVENTS}
        counts = summary_counts(output)
        assert counts["Events"] == (0, len(generated), len(SEED_EVENTS))
        assert all(
            counts[label] == (0, 0, n) for label, (*_, n) in counts.items() if label != "Events"
        )
        for event in Event.objects.all():
            shift = datetime.timedelta(days=1 if event.slug in generated else 0)
            old = before[event.slug]
            assert event.start_date == old.start_date + shift
            assert event.end_date == old.end_date + shift
            assert event.image.name == old.image.name
            # Calendars that subscribed to a published event see it move.
            moved = event.slug in generated and event.status == Event.Status.PUBLISHED
            assert event.sequence == old.sequence + moved
        assert not Path(settings.MEDIA_ROOT).exists()  # no image was drawn again


@pytest.mark.django_db
def test_load_demo_data_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        run("load_demo_data")
    assert not Sector.objects.exists()
    assert not Path(settings.MEDIA_ROOT).exists()


@pytest.mark.django_db
def test_create_demo_login_refuses_when_debug_is_off(settings, django_user_model):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        run("create_demo_login")
    assert not django_user_model.objects.exists()


@pytest.mark.django_db
def test_create_demo_login_with_force_works_while_debug_is_off(settings, django_user_model):
    settings.DEBUG = False
    run("create_demo_login", "--force")
    assert django_user_model.objects.get().is_superuser


@pytest.mark.django_db
def test_create_demo_login_prints_a_working_password_once(settings, django_user_model):
    settings.DEBUG = True
    output = run("create_demo_login")
    password = re.search(r"Password: (\S+)", output).group(1)
    assert len(password) >= 20
    assert "http://127.0.0.1:8000/admin/" in output
    user = django_user_model.objects.get(username="admin")
    assert user.is_staff and user.is_superuser
    sign_in = RequestFactory().post("/admin/login/")  # the login throttle needs the request
    assert authenticate(sign_in, username="admin", password=password) == user

    again = run("create_demo_login")
    assert "already exists" in again
    assert "manage.py changepassword admin" in again
    assert password not in again
    assert django_user_model.objects.get(username="admin").password == user.password
    assert get_user_model().objects.count() == 1
    assert authenticate(sign_in, username="admin", password=password) == user


@pytest.mark.django_db
def test_create_demo_login_prints_the_address_it_is_given(settings):
    settings.DEBUG = True

    output = run("create_demo_login", "--admin-url", "http://127.0.0.1:8099/admin/")

    assert "URL:      http://127.0.0.1:8099/admin/" in output


def test_a_placeholder_draws_no_words_and_keeps_its_rings_inside_what_a_card_shows():
    """A placeholder reads the same in every language: rings, no words. Cards show images at
    3:2 (static/css/site.css), cutting the sides of the 16:9 demo banners: the rings stay in
    the middle part. Two names give two drawings; one name always the same bytes."""
    from PIL import Image

    def draw(name):
        placeholder = placeholders.Placeholder(name, "#0B5CAD")
        return placeholders.placeholder_image(placeholder=placeholder, size=loader.IMAGE_SIZE)

    grey = Image.open(io.BytesIO(draw("Mount Huangshan"))).convert("L")
    width, height = grey.size
    cut = (width - height * 3 // 2) // 2

    def brightest(box):
        return grey.crop(box).getextrema()[1]

    assert brightest((cut, 0, width - cut, height)) > 150  # the light rings
    assert brightest((0, 0, cut - 2, height)) < 120
    assert brightest((width - cut + 2, 0, width, height)) < 120
    assert draw("Mount Huangshan") == draw("Mount Huangshan") != draw("Mount Taishan")
    assert all("words" not in text for text in placeholders.ALT_TEXTS.values())


class DemoInThreeLanguagesTests(TestCase):
    """Every public text of the demo exists in French and Chinese, and every public page of
    the demo reads in them with no English text standing in for a missing translation."""

    @classmethod
    def setUpTestData(cls):
        cls.media_root = tempfile.mkdtemp(prefix="demo-media-")
        cls.addClassCleanup(shutil.rmtree, cls.media_root, ignore_errors=True)
        with (
            override_settings(MEDIA_ROOT=cls.media_root, DEBUG=True),
            mock.patch.object(loader, "IMAGE_SIZE", SMALL_IMAGES),
        ):
            run("load_demo_data")

    def test_every_public_text_exists_in_french_and_chinese(self):
        missing = untranslated_public_fields()

        assert missing == {}, missing

    def test_every_public_page_reads_in_french_and_chinese_without_english_standing_in(self):
        with translation.override("en"):
            paths = public_pages()
        with override_settings(MEDIA_ROOT=self.media_root):
            for language in ("fr", "zh-hans"):
                for path in paths:
                    response = self.client.get(f"/{language}{path}")
                    assert response.status_code == 200, path
                    html = response.content.decode()
                    body = html[html.index("<body") :]
                    # The language switcher names English in English, as it should.
                    body = re.sub(r'<nav class="language-switcher.*?</nav>', "", body, flags=re.S)
                    shown_in_english = re.findall(r'<[^>]* lang="en"[^>]*>[^<]{0,60}', body)
                    assert shown_in_english == [], (language, path)
                feed = self.client.get(f"/{language}/events/feed/?when=all").content.decode()
                assert 'xml:lang="en"' not in feed.split("<entry", 1)[1]


def untranslated_public_fields():
    """{(model, language): [(record, field)]} of the published records' texts that exist in
    English and not in the language (the closing figure of the demo's translation)."""
    from modeltranslation.translator import translator

    missing = {}
    for model in MODELS:
        fields = translator.get_options_for_model(model).fields
        records = model.objects.all()
        if model is not OfficeProfile:
            records = records.published()
        for record in records:
            for field in fields:
                if not getattr(record, f"{field}_en"):
                    continue
                for language in ("fr", "zh_hans"):
                    if not getattr(record, f"{field}_{language}"):
                        missing.setdefault((model.__name__, language), []).append(
                            (str(record), field)
                        )
    return missing


def public_pages():
    """The address (without its language prefix) of every public page of the demo: lists
    (every page of them), every published record's page, the month view and a search."""
    pages = ["/", "/about/", "/sectors/", "/countries/", "/centres/", "/search/?q=heritage"]
    pages += [f"/sites/?page={n}" for n in (1, 2, 3)]
    pages += [f"/events/?when={when}" for when in ("upcoming", "past", "all")]
    pages += [f"/events/?when=all&page={n}" for n in (2, 3, 4, 5)]
    pages += ["/events/calendar/"]
    for model in (Sector, Country, Site, Centre, Event):
        pages += [record.get_absolute_url() for record in model.objects.published()]
    return pages
