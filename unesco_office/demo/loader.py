"""Demo content for a development site: the office's own facts, real designated sites, and
events spread around today, each with a generated placeholder image.

Every record is upserted by its natural key (sector code, ISO alpha-2, official id or slug,
the profile's single row) and written only when a value differs, so loading twice changes
nothing: no new rows, no new files, no new history. Generated events are placed at fixed
offsets from the day the loader runs; on a later day only their dates (and the scheduled
event's publication time) move.

Names and taglines of the office, its sectors and countries come in English, French and
Chinese; World Heritage sites carry their official names on the List. Everything else is
English only and shows in English on the French and Chinese pages.
"""

import datetime
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

import reversion
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from countries.models import Centre, Country, Site
from events.models import Event
from sectors.models import Sector
from unesco_office.core.richtext import RichTextField, sanitize_html
from unesco_office.models import OfficeProfile, SearchSynonym
from unesco_office.public.search import documents as search_documents

from .data.centres import CENTRES
from .data.countries import COUNTRIES, COVERED
from .data.events import CITY_COORDINATES, DRAFT, GENERATED_EVENTS, SCHEDULED, SEED_EVENTS, days
from .data.office import OFFICE
from .data.places import CITY_NAMES
from .data.search import SYNONYMS
from .data.sectors import SECTORS
from .data.sites import OTHER_SITES, WH, WH_CATEGORY, WORLD_HERITAGE, WORLD_HERITAGE_TEXTS
from .placeholders import Placeholder, placeholder_image

IMAGE_SIZE = (1200, 675)
IMAGE_CREDIT = "Placeholder image © unesco-office demo"
# A fixed publication time, so that reloading never "republishes" anything.
PUBLISHED_AT = datetime.datetime(2024, 1, 1, 9, 0, tzinfo=datetime.UTC)
REGISTRATION_URL = "https://forms.example.org/unesco-office/{slug}/"


class Tally:
    """Created / updated / unchanged counts per model, in the order models were seen."""

    def __init__(self):
        self.counts: dict[str, Counter] = {}

    @staticmethod
    def label(model):
        return str(model._meta.verbose_name_plural).capitalize()

    def add(self, model, outcome):
        self.counts.setdefault(self.label(model), Counter())[outcome] += 1

    def line(self, label):
        c = self.counts.get(label, Counter())
        return (
            f"{label}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
        )

    def lines(self):
        return [self.line(label) for label in self.counts]


def _prepare(model, values):
    """Values as the database will hand them back, keyed by attribute name.

    A translated field's plain name ("name") means its English column: the plain attribute
    would follow whichever language happens to be active. Other languages are named
    explicitly ("name_fr", "name_zh_hans").
    """
    translated = translator.get_options_for_model(model).all_fields
    prepared = {}
    for name, value in values.items():
        if name in translated:
            name = build_localized_fieldname(name, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
        field = model._meta.get_field(name)
        if isinstance(field, RichTextField):
            value = sanitize_html(value)
        elif isinstance(field, models.ForeignKey):
            value = value.pk if value is not None else None
        prepared[field.attname] = value
    return prepared


def _upsert(model, *, lookup, values, tally, m2m=None, placeholder=None, image_size=IMAGE_SIZE):
    """Create or update one record; write it only when something differs."""
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    changed = False
    for attname, value in _prepare(model, values).items():
        if created or getattr(obj, attname) != value:
            setattr(obj, attname, value)
            changed = True
    new_image = placeholder is not None and _illustrate(obj, placeholder, image_size)
    changed = changed or new_image
    if changed:
        # Cleaning a stored image would re-read the file from storage to measure it again.
        obj.full_clean(exclude=None if new_image or created else ["image"])
        obj.save()
    for name, targets in (m2m or {}).items():
        manager = getattr(obj, name)
        wanted = {target.pk for target in targets}
        if created or set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(targets)
            changed = True
    tally.add(model, "created" if created else "updated" if changed else "unchanged")
    return obj


def _illustrate(obj, placeholder, image_size):
    """Give a record without an image a placeholder, and redraw a placeholder whose alt
    texts no longer describe what placeholders show (an earlier drawing); an image that staff
    uploaded is kept as it is. Whether anything changed."""
    alt_texts = placeholder.alt_texts()
    is_placeholder = obj.image and obj.image_credit == IMAGE_CREDIT
    if obj.image and not is_placeholder:
        return False
    if is_placeholder and all(getattr(obj, name) == text for name, text in alt_texts.items()):
        return False
    if is_placeholder:
        obj.image.delete(save=False)
    obj.image = ContentFile(
        placeholder_image(placeholder=placeholder, size=image_size),
        name=f"{slugify(placeholder.name)[:60] or 'placeholder'}.jpg",
    )
    obj.image_credit = IMAGE_CREDIT
    for name, text in alt_texts.items():
        setattr(obj, name, text)
    return True


def _decimal_or_none(value, places):
    return Decimal(value).quantize(Decimal(1).scaleb(-places)) if value else None


def _publishing(visibility, *, today, published_at=PUBLISHED_AT):
    if visibility == DRAFT:
        return {"status": Event.Status.DRAFT, "published_at": None}
    if visibility == SCHEDULED:
        at = datetime.datetime.combine(today + days(3), datetime.time(8, 0), tzinfo=datetime.UTC)
        return {"status": Event.Status.PUBLISHED, "published_at": at}
    return {"status": Event.Status.PUBLISHED, "published_at": published_at}


def load_demo_data(
    *,
    today: datetime.date | None = None,
    image_size: tuple[int, int] | None = None,
    progress: Callable[[str], object] | None = None,
) -> Tally:
    """Upsert the whole demo data set in one transaction and one revision.

    `today` anchors the generated events (default: the local date); `image_size` is the size
    of newly generated placeholders (default: IMAGE_SIZE); `progress` receives each model's
    summary line as soon as that model is done.
    """
    loader = Loader(
        today=today or timezone.localdate(),
        image_size=image_size or IMAGE_SIZE,
        progress=progress,
    )
    with transaction.atomic(), reversion.create_revision(), search_documents.deferred():
        reversion.set_comment("Demo data")
        loader.office()
        sectors = loader.sectors()
        countries = loader.countries()
        sites = loader.sites(sectors, countries)
        loader.centres(sectors, countries)
        loader.events(sectors, countries, sites)
        loader.synonyms()
    return loader.tally


PUBLISHED = {"status": Sector.Status.PUBLISHED, "published_at": PUBLISHED_AT}


class Loader:
    """Upserts each kind of record of the demo, and counts what it did (`tally`)."""

    def __init__(self, *, today, image_size, progress):
        self.today = today
        self.image_size = image_size
        self.progress = progress
        self.tally = Tally()

    def upsert(self, model, **kwargs):
        return _upsert(model, tally=self.tally, image_size=self.image_size, **kwargs)

    def done(self, model):
        if self.progress is not None:
            self.progress(self.tally.line(self.tally.label(model)))

    def office(self):
        self.upsert(OfficeProfile, lookup={"pk": 1}, values=OFFICE)
        self.done(OfficeProfile)

    def synonyms(self):
        """The search's synonyms, each known by its first term."""
        for terms in SYNONYMS:
            found = SearchSynonym.objects.filter(terms__startswith=f"{terms[0]}\n").first()
            text = "\n".join(terms)
            if found is None:
                SearchSynonym.objects.create(terms=text)
                self.tally.add(SearchSynonym, "created")
            elif found.terms != text:
                found.terms = text
                found.save()
                self.tally.add(SearchSynonym, "updated")
            else:
                self.tally.add(SearchSynonym, "unchanged")
        self.done(SearchSynonym)

    def sectors(self):
        """{code: sector}"""
        sectors = {}
        for spec in SECTORS:
            fields = {k: v for k, v in spec.items() if k != "code"}
            sectors[spec["code"]] = self.upsert(
                Sector,
                lookup={"code": spec["code"]},
                values={**fields, **PUBLISHED},
                placeholder=Placeholder(spec["name"], spec["colour"]),
            )
        self.done(Sector)
        return sectors

    def countries(self):
        """{ISO alpha-2: country}"""
        countries = {}
        for spec in COUNTRIES:
            fields = {k: v for k, v in spec.items() if k not in {"iso2", "colour"}}
            covered = spec["iso2"] in COVERED
            countries[spec["iso2"]] = self.upsert(
                Country,
                lookup={"iso2": spec["iso2"]},
                values={**fields, "is_covered": covered, **PUBLISHED},
                placeholder=Placeholder(spec["name"], spec["colour"]),
            )
        self.done(Country)
        return countries

    def sites(self, sectors, countries):
        """{slug: site}"""
        sites = {}
        for row in WORLD_HERITAGE:
            site = self.world_heritage_site(row, sectors, countries)
            sites[site.slug] = site
        for spec in OTHER_SITES:
            sector = sectors["SC"]
            slug = slugify(spec["name"])[:200]
            sites[slug] = self.upsert(
                Site,
                lookup={"slug": slug},
                values={
                    **_texts(spec, "name", "summary"),
                    "designation": spec["designation"],
                    "sector": sector,
                    "year_designated": spec["year"],
                    "latitude": _decimal_or_none(spec["latitude"], 6),
                    "longitude": _decimal_or_none(spec["longitude"], 6),
                    "is_featured": spec["featured"],
                    **PUBLISHED,
                },
                m2m={"countries": [countries[spec["country"]]]},
                placeholder=Placeholder(spec["name"], sector.colour),
            )
        self.done(Site)
        return sites

    def world_heritage_site(self, row, sectors, countries):
        (official_id, name, isos, year, category, criteria, extensions,
         lat, lon, area, featured, summary) = row  # fmt: skip
        sector = sectors["SC" if category == "N" else "CLT"]
        return self.upsert(
            Site,
            lookup={"designation": WH, "official_id": official_id},
            values={
                "name": name,
                "summary": summary,
                **WORLD_HERITAGE_TEXTS[official_id],
                "slug": slugify(name)[:200],
                "sector": sector,
                "wh_category": WH_CATEGORY[category],
                "criteria": criteria,
                "year_designated": year,
                "extension_years": extensions,
                "is_in_danger": False,
                "in_danger_since": None,
                "latitude": _decimal_or_none(lat, 6),
                "longitude": _decimal_or_none(lon, 6),
                "area_ha": _decimal_or_none(area, 2),
                "official_url": f"https://whc.unesco.org/en/list/{official_id}/",
                "is_featured": featured,
                **PUBLISHED,
            },
            m2m={"countries": [countries[iso] for iso in isos.split()]},
            placeholder=Placeholder(name, sector.colour),
        )

    def centres(self, sectors, countries):
        for spec in CENTRES:
            sector = sectors[spec["sector"]]
            self.upsert(
                Centre,
                lookup={"slug": slugify(spec["acronym"])},
                values={
                    **_texts(spec, "name", "summary"),
                    **_city(spec["city"]),
                    "acronym": spec["acronym"],
                    "country": countries[spec["country"]],
                    "sector": sector,
                    "year_established": spec["year"],
                    "website": spec["website"],
                    **PUBLISHED,
                },
                placeholder=Placeholder(spec["name"], sector.colour),
            )
        self.done(Centre)

    def events(self, sectors, countries, sites):
        for event in [*SEED_EVENTS, *GENERATED_EVENTS]:
            event_sectors = [sectors[code] for code in event.sectors]
            self.upsert(
                Event,
                lookup={"slug": event.slug},
                values=self.event_values(event, countries),
                m2m={
                    "sectors": event_sectors,
                    "sites": [sites[slug] for slug in event.sites],
                },
                placeholder=(
                    Placeholder(event.title, event_sectors[0].colour) if event.has_image else None
                ),
            )
        self.done(Event)

    def event_values(self, event, countries):
        start, end = event.dates(self.today)
        previous_start, previous_end = event.previous_dates(self.today)
        start_time, end_time = (
            (datetime.time.fromisoformat(t) for t in event.times) if event.times else (None, None)
        )
        country = countries[event.country] if event.country else None
        if isinstance(event.start, datetime.date):
            first_published = datetime.datetime.combine(
                start - days(21), datetime.time(9, 0), tzinfo=datetime.UTC
            )
        else:
            first_published = PUBLISHED_AT
        lat, lon = CITY_COORDINATES.get(event.city, ("", ""))
        # Online events give their times in the office's own time zone.
        venue = {"venue": event.venue, **_languages(event, "venue")} if country else ONLINE
        return {
            "title": event.title,
            "summary": event.summary,
            **_languages(event, "title", "summary"),
            **_city(event.city),
            **venue,
            "kind": event.kind,
            "start_date": start,
            "end_date": end,
            "start_time": start_time,
            "end_time": end_time,
            "time_zone": "" if country else "Asia/Shanghai",
            "is_online": country is None,
            "country": country,
            "latitude": _decimal_or_none(lat, 6),
            "longitude": _decimal_or_none(lon, 6),
            "registration_url": (
                REGISTRATION_URL.format(slug=event.slug) if event.registration else ""
            ),
            "event_status": event.status,
            "previous_start_date": previous_start,
            "previous_end_date": previous_end,
            **_publishing(event.visibility, today=self.today, published_at=first_published),
        }


# What an online event gives as its venue, in each language.
ONLINE = {"venue": "Online", "venue_fr": "En ligne", "venue_zh_hans": "线上"}


def _texts(spec, *names):
    """A spec's texts of these fields in every language: name, name_fr, name_zh_hans…"""
    return {
        key: spec[key]
        for name in names
        for key in (name, f"{name}_fr", f"{name}_zh_hans")
        if spec.get(key)
    }


def _languages(event, *names):
    """A DemoEvent's French and Chinese texts of these fields (see DemoEvent.fr and .zh)."""
    return {
        f"{name}_{suffix}": texts[name]
        for suffix, texts in (("fr", event.fr), ("zh_hans", event.zh))
        for name in names
        if texts.get(name)
    }


def _city(city):
    """A city's name in every language (see data.places)."""
    if not city:
        return {"city": ""}
    french, chinese = CITY_NAMES[city]
    return {"city": city, "city_fr": french, "city_zh_hans": chinese}
