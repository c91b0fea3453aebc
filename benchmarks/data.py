"""The benchmark's database: the office's sectors and countries, many sites and events.

Rows are written with `bulk_create`, a few thousand at a time: 100,000 events take under a
minute, where saving them one by one would take many. No record has an image. Event
titles are in English, French and Chinese (what the site search reads in each language);
other texts are English only, the other languages falling back to it. Names and texts of the office, its
sectors and countries are the demo data's.

A database is the benchmark's own when its office profile bears `OFFICE_NAME`. Any other
database that holds content is refused, so that nobody benchmarks into their real data.
"""

import datetime
import random
import time
from dataclasses import dataclass
from decimal import Decimal

from django.db import DatabaseError, connection, transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from countries.models import Country, Site
from events.filters import EventFilter
from events.models import Event
from events.views import public_events
from sectors.models import Sector
from unesco_office.core.cache import content_changed
from unesco_office.demo.data.countries import COUNTRIES, COVERED
from unesco_office.demo.data.office import OFFICE
from unesco_office.demo.data.sectors import SECTORS
from unesco_office.demo.loader import PUBLISHED_AT, _prepare
from unesco_office.models import OfficeProfile
from unesco_office.public.search import documents

OFFICE_NAME = "unesco-office benchmark (benchmarks/event_list.py)"
BATCH_SIZE = 2000

# Tables that `migrate` fills by itself: rows there do not make a database someone's data.
MIGRATE_TABLES = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "auth_group",
    "auth_group_permissions",
}
# The site search's FTS5 mirror on SQLite and its shadow tables (migration unesco_office 0009).
FTS_TABLES = "unesco_office_searchdocument_fts"

# Share of the events in each covered country; None: online or regional.
COUNTRY_WEIGHTS = {"CN": 35, "JP": 20, "KR": 20, "MN": 12, "KP": 5, None: 8}
SECTOR_WEIGHTS = {"ED": 25, "SC": 25, "SHS": 10, "CLT": 30, "CI": 10}
# Titles in the three languages, so that the site search has French and Chinese to read.
KIND_TITLES = {
    Event.Kind.CONFERENCE: (
        "International conference on {}",
        "Conférence internationale : {}",
        "{}国际会议",
    ),
    Event.Kind.WORKSHOP: ("Workshop on {}", "Atelier : {}", "{}研讨会"),
    Event.Kind.TRAINING: ("Training course in {}", "Formation : {}", "{}培训班"),
    Event.Kind.CELEBRATION: ("Celebrating {}", "Célébration : {}", "{}庆祝活动"),
    Event.Kind.EXHIBITION: ("Exhibition: {}", "Exposition : {}", "{}展览"),
    Event.Kind.FORUM: ("Regional forum on {}", "Forum régional : {}", "{}区域论坛"),
    Event.Kind.MEETING: ("Expert meeting on {}", "Réunion d’experts : {}", "{}专家会议"),
}
TOPICS = [
    ("teacher education", "formation des enseignants", "教师教育"),
    ("learning cities", "villes apprenantes", "学习型城市"),
    (
        "education for sustainable development",
        "éducation au développement durable",
        "可持续发展教育",
    ),
    ("global citizenship", "citoyenneté mondiale", "全球公民"),
    ("water security", "sécurité de l’eau", "水安全"),
    ("biosphere reserve management", "gestion des réserves de biosphère", "生物圈保护区管理"),
    ("geopark interpretation", "interprétation des géoparcs", "地质公园解说"),
    ("disaster risk reduction", "réduction des risques de catastrophe", "减少灾害风险"),
    ("ocean literacy", "connaissance de l’océan", "海洋素养"),
    (
        "the ethics of artificial intelligence",
        "éthique de l’intelligence artificielle",
        "人工智能伦理",
    ),
    ("youth leadership", "leadership des jeunes", "青年领导力"),
    ("inclusive social policy", "politiques sociales inclusives", "包容性社会政策"),
    ("intangible cultural heritage", "patrimoine culturel immatériel", "非物质文化遗产"),
    ("World Heritage site management", "gestion des sites du patrimoine mondial", "世界遗产地管理"),
    ("museum collections", "collections des musées", "博物馆藏品"),
    ("the creative economy", "économie créative", "创意经济"),
    ("documentary heritage", "patrimoine documentaire", "文献遗产"),
    ("media and information literacy", "éducation aux médias et à l’information", "媒体与信息素养"),
    ("access to information", "accès à l’information", "信息获取"),
    ("open science", "science ouverte", "开放科学"),
]
# One event in a thousand is on this topic: what a rare word finds.
RARE_TOPIC = ("grassland fire ecology", "écologie des feux de prairie", "草原火灾生态")
RARE_SHARE = 0.001
CITIES = {
    "CN": ["Beijing", "Shanghai", "Xi'an", "Kunming", "Chengdu", "Hangzhou"],
    "JP": ["Tokyo", "Kyoto", "Osaka", "Sendai", "Hiroshima"],
    "KR": ["Seoul", "Busan", "Jeju", "Gyeongju", "Daejeon"],
    "MN": ["Ulaanbaatar", "Kharkhorin", "Khovd"],
    "KP": ["Pyongyang", "Kaesong"],
}
VENUES = ["International Convention Centre", "National Museum", "University campus", "City Hall"]
SITE_FEATURES = ["Historic Centre", "Ancient Temples", "Mountain Landscape", "Wetlands", "Caves"]


@dataclass
class Built:
    events: int
    event_sectors: int
    event_sites: int
    sites: int


class DatabaseInUse(Exception):
    """The database holds content that is not the benchmark's."""


def tables_with_rows():
    """The tables that hold rows `migrate` would not have written, in the current schema."""
    with connection.cursor() as cursor:
        full = []
        for table in connection.introspection.table_names(cursor):
            # SQLite's FTS5 keeps its settings in tables of its own from the start.
            if table in MIGRATE_TABLES or table.startswith(FTS_TABLES):
                continue
            # The name comes from the database's own catalogue, quoted.
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                full.append(table)
    return full


def is_benchmark_database():
    try:
        return OfficeProfile.objects.filter(pk=1, name_en=OFFICE_NAME).exists()
    except DatabaseError:  # not this project's schema, or an older one
        return False


def check_database_is_free():
    """Whether the database holds an earlier run's data (to be emptied before this run).

    Raises DatabaseInUse when it holds anything else."""
    full = tables_with_rows()
    if full and not is_benchmark_database():
        shown = ", ".join(full[:5]) + (", …" if len(full) > 5 else "")
        raise DatabaseInUse(
            f"The database {connection.settings_dict['NAME']} already holds data ({shown}) "
            "that an earlier benchmark did not write. Give the benchmark an empty database "
            "of its own."
        )
    return bool(full)


def fill(*, events, sites, upcoming, seed, say, reuse=False):
    """Migrate the database and build the benchmark's data in it, after emptying an earlier
    run's (or keep that run's data as it is, with `reuse`). Raises DatabaseInUse, having
    changed nothing, if the database holds other data. Returns True: the database is the
    benchmark's from now on."""
    from django.core.management import call_command

    earlier = check_database_is_free()
    say(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", interactive=False, verbosity=0)
    if earlier and reuse:
        say("Timing the earlier run's data as it is (--reuse).")
        content_changed()
        return True
    if earlier:
        say("Emptying the previous run's data.")
        call_command("flush", interactive=False, verbosity=0)
    say(f"Building {events:,} events and {sites:,} sites…")
    start = time.perf_counter()
    built = build(events=events, sites=sites, upcoming=upcoming, seed=seed)
    say(f"Built in {time.perf_counter() - start:.1f} s; building the search documents…")
    indexing = time.perf_counter()
    documents.rebuild()  # bulk_create sends no signal, so builds no document
    indexing = time.perf_counter() - indexing
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # What autovacuum does to a live database soon after: statistics for the planner,
            # and the visibility map that lets an index answer without reading the table.
            cursor.execute("VACUUM ANALYZE")
        else:
            # SQLite gathers no statistics by itself: what its documentation asks of whoever
            # loads much data (README, Benchmarks), without which its planner walks every
            # published site for each event's map place.
            cursor.execute("ANALYZE")
    say(
        f"Built in {time.perf_counter() - start:.1f} s: {built.events:,} events "
        f"({built.event_sectors:,} sector and {built.event_sites:,} site links), "
        f"{built.sites:,} sites; their search documents in three languages in "
        f"{indexing:.1f} s ({(built.events + built.sites) * 3 / indexing:,.0f} a second)."
    )
    return True


def build(*, events, sites, upcoming=0.25, seed=1, today=None):
    """The office, its sectors and countries, `sites` sites and `events` events, the share
    `upcoming` of them not over yet."""
    rng = random.Random(seed)  # noqa: S311 (made-up data, repeatable)
    today = today or timezone.localdate()
    with transaction.atomic(), translation.override("en"):
        OfficeProfile(**_prepare(OfficeProfile, {**OFFICE, "name": OFFICE_NAME})).save()
        sectors = {
            spec["code"]: Sector(**_prepare(Sector, {**spec, **published()})) for spec in SECTORS
        }
        Sector.objects.bulk_create(sectors.values())
        countries = {
            spec["iso2"]: Country(
                **_prepare(
                    Country,
                    {
                        **{k: v for k, v in spec.items() if k != "colour"},
                        "is_covered": spec["iso2"] in COVERED,
                        **published(),
                    },
                )
            )
            for spec in COUNTRIES
        }
        Country.objects.bulk_create(countries.values())
        sites_by_country = build_sites(rng, sites, sectors, countries)
        built = build_events(rng, events, upcoming, today, sectors, countries, sites_by_country)
    content_changed()  # bulk_create sends no signal: drop what the cache holds
    return Built(sites=sites, **built)


def published(at=PUBLISHED_AT):
    return {"status": Sector.Status.PUBLISHED, "published_at": at}


def build_sites(rng, number, sectors, countries):
    """Sites in the covered countries, a few shared with a partner; each country's sites."""
    covered = [c for iso, c in countries.items() if iso in COVERED]
    partners = [c for iso, c in countries.items() if iso not in COVERED]
    sites, links = [], []
    for n in range(number):
        designation = rng.choices(list(Site.Designation), weights=[40, 30, 30])[0]
        category = ""
        if designation == Site.Designation.WORLD_HERITAGE:
            category = rng.choices(list(Site.Category), weights=[70, 25, 5])[0]
        country = rng.choice(covered)
        name = f"{rng.choice(SITE_FEATURES)} of {rng.choice(CITIES[country.iso2])} {n + 1}"
        year = rng.randint(1972, 2025)
        in_danger = rng.random() < 0.02
        visibility = published() if rng.random() < 0.97 else {"status": Site.Status.DRAFT}
        sites.append(
            Site(
                name_en=name,
                slug=slugify(name),
                designation=designation,
                wh_category=category,
                sector=sectors["CLT" if category == Site.Category.CULTURAL else "SC"],
                year_designated=year,
                is_in_danger=in_danger,
                in_danger_since=rng.randint(year, 2025) if in_danger else None,
                latitude=Decimal(f"{rng.uniform(30, 50):.6f}"),
                longitude=Decimal(f"{rng.uniform(100, 140):.6f}"),
                summary_en=f"A {designation.label} in {country.name}, numbered {n + 1}.",
                **visibility,
            )
        )
        shared = [rng.choice(partners)] if partners and rng.random() < 0.05 else []
        links.append([country, *shared])
    Site.objects.bulk_create(sites, batch_size=BATCH_SIZE)
    through = Site.countries.through
    through.objects.bulk_create(
        [through(site=site, country=c) for site, cs in zip(sites, links, strict=True) for c in cs],
        batch_size=BATCH_SIZE * 5,
    )
    by_country = {}
    for site, cs in zip(sites, links, strict=True):
        by_country.setdefault(cs[0].iso2, []).append(site)
    return by_country


def build_events(rng, number, upcoming, today, sectors, countries, sites_by_country):
    """Events over twenty years before today and two after (the share `upcoming` of them):
    some on several days, some with times, some online; a few drafts and scheduled ones."""
    now = timezone.now()
    isos = list(COUNTRY_WEIGHTS)
    codes = list(SECTOR_WEIGHTS)
    events, event_sectors, event_sites = [], [], []
    for n in range(number):
        iso = rng.choices(isos, weights=COUNTRY_WEIGHTS.values())[0]
        kind = rng.choice(list(Event.Kind))
        topic = RARE_TOPIC if rng.random() < RARE_SHARE else rng.choice(TOPICS)
        if rng.random() < upcoming:
            start = today + datetime.timedelta(days=rng.randint(0, 730))
        else:
            start = today - datetime.timedelta(days=rng.randint(1, 7300))
        end = start + datetime.timedelta(days=rng.randint(1, 4) if rng.random() < 0.3 else 0)
        start_time = end_time = None
        if rng.random() < 0.4:
            start_time = datetime.time(rng.choice([9, 10, 14]), rng.choice([0, 30]))
            end_time = datetime.time(17, 30)
        title, title_fr, title_zh = (
            f"{pattern.format(words)} {start.year}"
            for pattern, words in zip(KIND_TITLES[kind], topic, strict=True)
        )
        city = rng.choice(CITIES[iso]) if iso else ""
        first_published = datetime.datetime.combine(
            start - datetime.timedelta(days=21), datetime.time(9), tzinfo=datetime.UTC
        )
        chance = rng.random()
        if chance < 0.03:
            visibility = {"status": Event.Status.DRAFT}
        elif chance < 0.04:
            visibility = published(now + datetime.timedelta(days=rng.randint(1, 30)))
        else:
            visibility = published(min(first_published, now - datetime.timedelta(hours=1)))
        events.append(
            Event(
                title_en=title,
                title_fr=title_fr,
                title_zh_hans=title_zh,
                slug=f"{slugify(title)}-{n + 1}",
                kind=kind,
                start_date=start,
                end_date=end,
                start_time=start_time,
                end_time=end_time,
                time_zone="" if iso else "Asia/Shanghai",
                is_online=iso is None,
                country=countries[iso] if iso else None,
                city=city,
                venue_en=f"{city} {rng.choice(VENUES)}" if iso else "Online",
                summary_en=(
                    f"A {kind.label.lower()} on {topic[0]} that the office organises with its "
                    f"national partners{f' in {city}' if city else ' online'}, open to "
                    "experts, practitioners and young people from the region."
                ),
                registration_url=(
                    f"https://forms.example.org/{n + 1}/" if start >= today and n % 2 else ""
                ),
                **visibility,
            )
        )
        chosen = set(rng.choices(codes, weights=SECTOR_WEIGHTS.values(), k=rng.randint(1, 3)))
        event_sectors.append([sectors[code] for code in chosen])
        nearby = sites_by_country.get(iso, [])
        event_sites.append([rng.choice(nearby)] if nearby and rng.random() < 0.1 else [])
    Event.objects.bulk_create(events, batch_size=BATCH_SIZE)
    sector_links = link(Event.sectors.through, "sector", events, event_sectors)
    site_links = link(Event.sites.through, "site", events, event_sites)
    return {"events": number, "event_sectors": sector_links, "event_sites": site_links}


def link(through, name, events, targets):
    rows = [
        through(event=event, **{name: target})
        for event, chosen in zip(events, targets, strict=True)
        for target in chosen
    ]
    through.objects.bulk_create(rows, batch_size=BATCH_SIZE * 5)
    return len(rows)


def filtered_events(country, sector):
    """How many events the event list finds for the country and sector, and the problems it
    reports (an unknown slug)."""
    events = EventFilter({"country": country, "sector": sector}, queryset=public_events())
    return events.total, events.problems
