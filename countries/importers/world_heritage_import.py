"""Write the World Heritage List into the database: the writing half of the import.

`import_world_heritage()` takes what `parse_world_heritage()` read and brings the site
records in line with it, matching them by official id. It only ever writes what differs,
so importing the same file twice changes nothing (and records no revision); it never
deletes a site; it runs in one transaction, saved as one revision, so a file is imported
whole or not at all. Facts the export does not carry (the photo, "featured", the sector
once chosen, the publication status) stay as staff set them.

Imported sites are published: the list is UNESCO's own, adopted by the World Heritage
Committee, so there is nothing for staff to check before the public sees it; a publisher
can still unpublish a site, and a later import leaves that choice alone.

An import never erases what staff wrote. Each site remembers what the last import wrote in
each field (`Site.source_values`), so a stored value that differs from it was typed by
staff. A text the file does not give (a name, description or summary in a language the
file lacks, coordinates or an area it leaves out) is kept. Where the file gives a value
that differs from one staff typed, the file wins for the List's official facts (names,
category, criteria, years, danger, place) and staff's text is kept for the description and
summary; either way the report lists it as a conflict, in a dry run too.
"""

import contextlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from decimal import Decimal

import pycountry
import reversion
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _

from countries.models import Country, Site
from sectors.models import Sector
from unesco_office.core.cache import changes_discarded
from unesco_office.core.i18n import same_value, territory_name
from unesco_office.core.richtext import sanitize_html
from unesco_office.core.text import summary_of
from unesco_office.models import AuditEntry
from unesco_office.public.search import documents as search_documents
from unesco_office.staff import audit

from .world_heritage import (
    ALL_COUNTRIES,
    InvalidFileError,
    ParseError,
    ParseResult,
    WorldHeritageRecord,
    records_touching,
)

SOURCE = Site.Source.WORLD_HERITAGE_LIST
# The sector that follows a site of each category, by UNESCO's sector code.
SECTOR_CODES = {
    Site.Category.CULTURAL: "CLT",
    Site.Category.MIXED: "CLT",
    Site.Category.NATURAL: "SC",
}
# The file's languages and the model's translation fields that receive them.
LANGUAGE_FIELDS = {"en": "en", "fr": "fr", "zh": "zh_hans"}
# Fields whose value the file may lack: a stored value is then kept.
MAY_LACK = ("name", "body", "summary", "latitude", "longitude", "area_ha")
# Staff's own writing, kept when the file says otherwise; the other fields are the List's
# official facts, and the file wins.
STAFF_TEXTS = ("body", "summary")
SUMMARY_LENGTH = 300

type Progress = Callable[[int, int], None]


class ImportFailedError(InvalidFileError):
    """A value the file gives cannot be saved, or the database lacks what the import needs."""


@dataclass(frozen=True, slots=True)
class SiteChange:
    official_id: str
    name: str
    fields: tuple[str, ...] = ()

    def __str__(self):
        label = f"{self.official_id} {self.name}"
        return f"{label} ({', '.join(self.fields)})" if self.fields else label


@dataclass(frozen=True, slots=True)
class Conflict:
    """A value staff typed that the file gives otherwise: replaced (an official fact) or kept."""

    official_id: str
    name: str
    field: str
    staff_value: str
    file_value: str
    kept: bool

    def __str__(self):
        values = {
            "site": f"{self.official_id} {self.name}",
            "field": self.field,
            "staff": _shortened(self.staff_value),
            "file": _shortened(self.file_value),
        }
        if self.kept:
            return (
                _("%(site)s, %(field)s: staff's “%(staff)s” kept; the file gives “%(file)s”")
                % values
            )
        return (
            _("%(site)s, %(field)s: staff's “%(staff)s” replaced by the List's “%(file)s”") % values
        )


def _shortened(text, length=80):
    text = " ".join(strip_tags(text).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@dataclass(slots=True)
class ImportReport:
    """What an import did, or would do in a dry run."""

    file: str
    dry_run: bool = False
    unpublish_missing: bool = False
    new: list[SiteChange] = field(default_factory=list)
    changed: list[SiteChange] = field(default_factory=list)
    unchanged: list[SiteChange] = field(default_factory=list)
    missing: list[SiteChange] = field(default_factory=list)
    unpublished: list[SiteChange] = field(default_factory=list)
    new_countries: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: tuple[ParseError, ...] = ()

    @property
    def has_changes(self):
        return bool(self.new or self.changed or self.unpublished or self.new_countries)

    def summary(self):
        line = _(
            "%(file)s: %(new)d new, %(changed)d changed, %(unchanged)d unchanged, "
            "%(missing)d no longer listed"
        ) % {
            "file": self.file,
            "new": len(self.new),
            "changed": len(self.changed),
            "unchanged": len(self.unchanged),
            "missing": len(self.missing),
        }
        if self.missing:
            if self.unpublish_missing:
                line += " " + _("(set to draft)")
            else:
                line += " " + _("(kept; use --unpublish-missing)")
        if self.dry_run:
            line += " — " + _("dry run, nothing saved")
        return line

    def lines(self):
        """The details, one line each, then the summary."""
        for warning in self.warnings:
            yield _("Warning: %(warning)s") % {"warning": warning}
        for country in self.new_countries:
            yield _("New partner country: %(country)s") % {"country": country}
        for site in self.new:
            yield _("New: %(site)s") % {"site": site}
        for site in self.changed:
            yield _("Changed: %(site)s") % {"site": site}
        for conflict in self.conflicts:
            yield _("Conflict: %(conflict)s") % {"conflict": conflict}
        for site in self.missing:
            yield _("No longer listed: %(site)s") % {"site": site}
        yield self.summary()


def import_world_heritage(
    *,
    result: ParseResult,
    all_countries: bool = False,
    unpublish_missing: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    user=None,
) -> ImportReport:
    """Bring the World Heritage sites in line with a parsed export and report what changed.

    Keeps the rows that touch a country the office covers, or every row with
    `all_countries`. Raises `ImportFailedError` (and writes nothing) when a value cannot be
    saved or a sector is missing; with `dry_run` the report is the same and nothing is kept.
    `user` (the admin upload's) is recorded in the revision as the one who imported.
    """
    if all_countries:
        scope = ALL_COUNTRIES
    else:
        scope = list(Country.objects.filter(is_covered=True).values_list("iso2", flat=True))
    records = records_touching(result.records, scope)
    rows = {record.row for record in records}
    report = ImportReport(
        file=result.file,
        dry_run=dry_run,
        unpublish_missing=unpublish_missing,
        # Those about the whole file or a row imported: the others concern no one here.
        warnings=tuple(w for w in result.warnings if w.row is None or w.row in rows),
    )
    sectors = _sectors(result.file)
    audit_context = audit.acting(
        via=AuditEntry.Via.WORLD_HERITAGE,
        action=AuditEntry.Action.IMPORTED,
        detail=result.file,
        **({"user": user} if user is not None else {}),
    )
    # A dry run is rolled back: no cached page goes stale.
    discarded = changes_discarded() if dry_run else contextlib.nullcontext()
    # The sites' search documents are built together at the end, not site by site.
    with (
        transaction.atomic(),
        reversion.create_revision(),
        audit_context,
        discarded,
        search_documents.deferred(),
    ):
        reversion.set_comment(f"Imported {result.file}")
        if user is not None:
            reversion.set_user(user)
        importer = _Importer(result=result, sectors=sectors, report=report)
        for done, record in enumerate(records, start=1):
            importer.import_record(record)
            if progress:
                progress(done, len(records))
        importer.check_missing(
            scope=scope,
            listed={record.official_id for record in result.records},
            unpublish=unpublish_missing,
        )
        if dry_run:
            transaction.set_rollback(True)
    return report


def _sectors(file):
    codes = set(SECTOR_CODES.values())
    sectors = {sector.code: sector for sector in Sector.objects.filter(code__in=codes)}
    if missing := sorted(codes - sectors.keys()):
        problem = _(
            "The sectors with the codes %(codes)s are missing: add them before importing "
            "(sites need Culture, CLT, and Natural Sciences, SC)."
        ) % {"codes": ", ".join(missing)}
        raise ImportFailedError([ParseError(file, problem)])
    return {category: sectors[code] for category, code in SECTOR_CODES.items()}


class _Importer:
    def __init__(self, *, result, sectors, report):
        self.result = result
        self.sectors = sectors
        self.report = report
        self.now = timezone.now()
        self.languages = [code for code in LANGUAGE_FIELDS if code in result.languages]
        self.countries = {country.iso2: country for country in Country.objects.all()}
        self.sites = {
            site.official_id: site
            for site in Site.objects.world_heritage()
            .exclude(official_id="")
            .prefetch_related("countries")
        }
        self.slugs = set(Site.objects.values_list("slug", flat=True))

    def import_record(self, record: WorldHeritageRecord):
        countries = [self.country(code, record) for code in record.iso_codes]
        values = self.values(record)
        site = self.sites.get(record.official_id)
        if site is None:
            site = Site(
                designation=Site.Designation.WORLD_HERITAGE,
                sector=self.sectors[record.category],
                slug=self.slug(record),
                status=Site.Status.PUBLISHED,
                source_imported_at=self.now,
                source_values=_written(values),
                **values,
            )
            self.save(site, record)
            site.countries.set(countries)
            reversion.add_to_revision(site)
            self.report.new.append(SiteChange(record.official_id, record.name))
            return
        changed = self.merge(site, values, record)
        wanted = {country.pk for country in countries}
        countries_changed = {country.pk for country in site.countries.all()} != wanted
        fields = (*changed, "countries") if countries_changed else tuple(changed)
        entry = SiteChange(record.official_id, record.name, fields)
        remembered = {**site.source_values, **_written(values)}
        if not entry.fields and remembered == site.source_values:
            self.report.unchanged.append(entry)
            return
        site.source_values = remembered
        if entry.fields:
            site.source_imported_at = self.now
        self.save(site, record)
        if countries_changed:
            site.countries.set(countries)
        if not entry.fields:
            # Only what the import remembers changed: nothing a visitor or staff would see.
            self.report.unchanged.append(entry)
            return
        reversion.add_to_revision(site)
        self.report.changed.append(entry)

    def merge(self, site, values, record):
        """Set the file's values on a stored site by the rules of the module's docstring; the
        names of the fields changed. Conflicts go to the report."""
        changed = []
        for name, value in values.items():
            stored = getattr(site, name)
            if same_value(stored, value) or (_base(name) in MAY_LACK and _as_text(value) == ""):
                continue
            typed = _as_text(stored) not in ("", site.source_values.get(name))
            if typed:
                kept = _base(name) in STAFF_TEXTS
                self.report.conflicts.append(
                    Conflict(
                        record.official_id,
                        record.name,
                        name,
                        _as_text(stored),
                        _as_text(value),
                        kept=kept,
                    )
                )
                if kept:
                    continue
            setattr(site, name, value)
            changed.append(name)
        return changed

    def values(self, record):
        values = {
            "wh_category": record.category,
            "criteria": record.criteria,
            "year_designated": record.year_inscribed,
            "extension_years": ", ".join(str(year) for year in record.extension_years),
            "is_in_danger": record.is_in_danger,
            "in_danger_since": record.in_danger_since,
            "latitude": record.latitude,
            "longitude": record.longitude,
            "area_ha": record.area_hectares,
            "official_id": record.official_id,
            "official_url": record.official_url,
            "source": SOURCE,
        }
        for language in self.languages:
            suffix = LANGUAGE_FIELDS[language]
            body = sanitize_html(record.descriptions.get(language, ""))
            values[f"name_{suffix}"] = record.names.get(language) or None
            values[f"body_{suffix}"] = body
            values[f"summary_{suffix}"] = summary_of(body, length=SUMMARY_LENGTH)
        # English is required: the parser refuses a row without it.
        values["name_en"] = record.names["en"]
        return values

    def save(self, site, record):
        # Field validation catches a bad value with a clear message. The constraints are left
        # to the database (checking each one here costs a query per site): the one that
        # could fail, an official id taken, cannot, as sites are matched by that id.
        try:
            site.full_clean(
                exclude=["countries"], validate_unique=False, validate_constraints=False
            )
            with transaction.atomic():
                site.save()
        except ValidationError as error:
            raise ImportFailedError(
                [
                    ParseError(self.result.file, f"{name}: {message}", record.row)
                    for name, messages in error.message_dict.items()
                    for message in messages
                ]
            ) from error
        except IntegrityError as error:
            raise ImportFailedError(
                [ParseError(self.result.file, str(error), record.row)]
            ) from error
        self.slugs.add(site.slug)

    def slug(self, record):
        base = slugify(record.name)[:180] or "world-heritage"
        slug = base
        if slug in self.slugs:
            slug = f"{base}-{record.official_id}"
        return slug

    def country(self, code, record):
        if country := self.countries.get(code):
            return country
        names = {}
        if len(record.iso_codes) == 1:
            for language in LANGUAGE_FIELDS:
                given = record.state_names.get(language, ())
                if len(given) == 1:
                    names[language] = given[0]
        official = pycountry.countries.get(alpha_2=code)
        english = names.get("en") or getattr(official, "common_name", None) or official.name
        country = Country(
            name_en=english,
            # The file's names, else the Unicode CLDR's.
            name_fr=names.get("fr") or territory_name(code, "fr") or None,
            name_zh_hans=names.get("zh") or territory_name(code, "zh-hans") or None,
            slug=_unique_slug(Country, slugify(english) or code.lower()),
            iso2=code,
            iso3=official.alpha_3,
            is_covered=False,
            status=Country.Status.PUBLISHED,
        )
        try:
            country.full_clean()
        except ValidationError as error:
            raise ImportFailedError(
                [
                    ParseError(self.result.file, f"{code}: {message}", record.row, "iso_code")
                    for messages in error.message_dict.values()
                    for message in messages
                ]
            ) from error
        country.save()
        self.countries[code] = country
        self.report.new_countries.append(f"{english} ({code})")
        return country

    def check_missing(self, *, scope, listed: Collection[str], unpublish: bool):
        sites = Site.objects.world_heritage().filter(source=SOURCE).exclude(official_id__in=listed)
        if scope is not ALL_COUNTRIES:
            sites = sites.filter(countries__iso2__in=scope).distinct()
        for site in sites.order_by("official_id"):
            entry = SiteChange(site.official_id, site.name_en)
            self.report.missing.append(entry)
            if unpublish and site.status != Site.Status.DRAFT:
                site.status = Site.Status.DRAFT
                site.save(update_fields=["status", "updated_at"])
                reversion.add_to_revision(site)
                self.report.unpublished.append(entry)


def _unique_slug(model, base: str) -> str:
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _base(name):
    """A field's name without its language: name_fr -> name."""
    for suffix in LANGUAGE_FIELDS.values():
        if name.endswith(f"_{suffix}"):
            return name.removesuffix(f"_{suffix}")
    return name


def _as_text(value):
    """A field's value as the import remembers it: "" for none, numbers without trailing
    zeros (a decimal reads back from the database with them)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _written(values):
    """What the import remembers of the values it gave: those the file had."""
    return {
        name: _as_text(value)
        for name, value in values.items()
        if not (_base(name) in MAY_LACK and _as_text(value) == "")
    }
