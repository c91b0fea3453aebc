from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sectors.models import Sector
from unesco_office.core.models import (
    Illustrated,
    Located,
    Publishable,
    PublishableQuerySet,
    one_of,
    year_in_range,
    year_validators,
)
from unesco_office.core.richtext import RichTextField

from .validators import (
    iso_codes_mismatch,
    validate_iso_alpha2,
    validate_iso_alpha3,
    validate_time_zone,
)

# Slugs that would give a record the address of one of its list's own pages (/events/feed/,
# /sites/feed/), so that nobody could reach the record's page.
RESERVED_SLUGS = frozenset({"feed"})


def validate_not_reserved(slug, reserved=RESERVED_SLUGS):
    if slug in reserved:
        raise ValidationError(
            {
                "slug": _(
                    "“%(slug)s” is already the address of another page, so this record's page "
                    "could not be reached: choose another slug."
                )
                % {"slug": slug}
            }
        )


def place_name(city, country):
    """“Seoul, Republic of Korea” as each language writes it, or whichever part is known."""
    if city and country:
        return gettext("%(city)s, %(country)s") % {"city": city, "country": country}
    return city or country


class Country(Illustrated, Publishable):
    """A UNESCO Member State: either one the office covers, or a partner of a transboundary site."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    iso2 = models.CharField(
        _("ISO alpha-2"), max_length=2, unique=True, validators=[validate_iso_alpha2]
    )
    iso3 = models.CharField(
        _("ISO alpha-3"), max_length=3, unique=True, validators=[validate_iso_alpha3]
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("IANA name, e.g. Asia/Tokyo: events here are shown in this time zone."),
    )
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    body = RichTextField(_("body"))
    is_covered = models.BooleanField(
        _("covered by the office"),
        default=False,
        help_text=_("Off for partner countries that appear only through transboundary sites."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        permissions = [("publish_country", _("Can publish and unpublish countries"))]
        constraints = [
            *Publishable.publishing_constraints("country"),
            *Illustrated.image_constraints("country"),
            models.CheckConstraint(condition=Q(iso2__regex=r"^[A-Z]{2}$"), name="country_iso2"),
            models.CheckConstraint(condition=Q(iso3__regex=r"^[A-Z]{3}$"), name="country_iso3"),
            models.CheckConstraint(condition=~Q(slug=""), name="country_slug_not_empty"),
        ]
        indexes = [
            models.Index(fields=["is_covered", "status", "published_at"], name="country_visible")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("countries:detail", args=[self.slug])

    def clean(self):
        super().clean()
        self.iso2 = self.iso2.upper()
        self.iso3 = self.iso3.upper()
        if message := iso_codes_mismatch(self.iso2, self.iso3):
            raise ValidationError({"iso3": message})


class Designation(models.TextChoices):
    WORLD_HERITAGE = "world-heritage", _("World Heritage site")
    BIOSPHERE_RESERVE = "biosphere-reserve", _("Biosphere Reserve")
    GEOPARK = "geopark", _("UNESCO Global Geopark")


class Category(models.TextChoices):
    CULTURAL = "cultural", _("Cultural")
    NATURAL = "natural", _("Natural")
    MIXED = "mixed", _("Mixed")


class Source(models.TextChoices):
    STAFF = "", _("Entered by staff")
    WORLD_HERITAGE_LIST = "whc", _("World Heritage List export")


class SiteQuerySet(PublishableQuerySet):
    def world_heritage(self):
        return self.filter(designation=Site.Designation.WORLD_HERITAGE)


class Site(Illustrated, Located, Publishable):
    """A place UNESCO has designated. Several countries share a transboundary site."""

    # The enumerations, as Site.Designation, Site.Category and Site.Source (defined above the
    # class, so that the constraints in Meta can name their values).
    Designation = Designation
    Category = Category
    Source = Source

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    designation = models.CharField(_("designation"), max_length=20, choices=Designation)
    countries = models.ManyToManyField(
        Country, related_name="sites", verbose_name=_("countries"), blank=False
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        related_name="sites",
        verbose_name=_("sector"),
        help_text=_("The sector that follows this site (Culture or Natural Sciences, usually)."),
    )
    wh_category = models.CharField(
        _("World Heritage category"), max_length=10, choices=Category, blank=True
    )
    criteria = models.CharField(
        _("criteria"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                r"^(\((i|ii|iii|iv|v|vi|vii|viii|ix|x)\))*$",
                _("Write criteria as roman numerals in brackets, e.g. (i)(ii)(iv)."),
            )
        ],
    )
    year_designated = models.PositiveSmallIntegerField(
        _("year inscribed or designated"), validators=year_validators
    )
    extension_years = models.CharField(
        _("extension years"),
        max_length=100,
        blank=True,
        validators=[
            RegexValidator(
                r"^(19|20)\d\d(, (19|20)\d\d)*$", _("Years separated by commas: 2003, 2014.")
            )
        ],
    )
    is_in_danger = models.BooleanField(_("in danger"), default=False)
    in_danger_since = models.PositiveSmallIntegerField(
        _("in danger since"), null=True, blank=True, validators=year_validators
    )
    area_ha = models.DecimalField(
        _("area (ha)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    official_id = models.CharField(
        _("official id"),
        max_length=20,
        blank=True,
        help_text=_("The id in UNESCO's own list, e.g. 438 for the Great Wall."),
    )
    official_url = models.URLField(_("official page"), blank=True)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    body = RichTextField(_("body"))
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown on the home page.")
    )
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=Source,
        blank=True,
        help_text=_("Where the facts come from: an import keeps the site up to date."),
    )
    source_imported_at = models.DateTimeField(
        _("last changed by an import"), null=True, blank=True, editable=False
    )
    # What the last import wrote in each field, as text (see
    # countries.importers.world_heritage_import): a stored value that differs from it was
    # typed by staff since, and an import never erases it silently.
    source_values = models.JSONField(default=dict, blank=True, editable=False)

    objects = SiteQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        permissions = [("publish_site", _("Can publish and unpublish sites"))]
        constraints = [
            *Publishable.publishing_constraints("site"),
            *Illustrated.image_constraints("site"),
            models.UniqueConstraint(
                fields=["designation", "official_id"],
                condition=~Q(official_id=""),
                name="site_unique_official_id",
                violation_error_message=_("Another site of this designation has this official id."),
            ),
            one_of("designation", Designation, "site"),
            models.CheckConstraint(
                condition=Q(wh_category="") | Q(designation=Designation.WORLD_HERITAGE),
                name="site_category_only_world_heritage",
                violation_error_message=_("Only World Heritage sites have a category."),
            ),
            *Located.location_constraints("site"),
            models.CheckConstraint(
                condition=Q(area_ha__isnull=True) | Q(area_ha__gte=0), name="site_area_positive"
            ),
            models.CheckConstraint(
                condition=year_in_range("year_designated"), name="site_year_range"
            ),
            models.CheckConstraint(
                condition=Q(in_danger_since__isnull=True)
                | Q(is_in_danger=True, in_danger_since__gte=F("year_designated"))
                & year_in_range("in_danger_since"),
                name="site_danger_year_range",
                violation_error_message=_(
                    "“In danger since” needs “in danger” ticked and a year from the inscription on."
                ),
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="site_slug_not_empty"),
        ]
        indexes = [
            models.Index(fields=["status", "published_at", "name"], name="site_visible"),
            models.Index(fields=["designation", "name"], name="site_designation_name"),
            models.Index(fields=["sector", "name"], name="site_sector_name"),
            models.Index(fields=["year_designated"], name="site_year"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("countries:site-detail", args=[self.slug])

    def clean(self):
        super().clean()
        validate_not_reserved(self.slug)

    @property
    def criteria_list(self):
        return [c for c in self.criteria.strip("()").split(")(") if c]

    @property
    def extension_year_list(self):
        return [int(year) for year in self.extension_years.split(", ") if year]


class Centre(Illustrated, Publishable):
    """A Category 2 centre: an institute under UNESCO's auspices, hosted by one country."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="centres", verbose_name=_("country")
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="centres", verbose_name=_("sector")
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    year_established = models.PositiveSmallIntegerField(
        _("year established"), null=True, blank=True, validators=year_validators
    )
    website = models.URLField(_("website"), blank=True)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    body = RichTextField(_("body"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("Category 2 centre")
        verbose_name_plural = _("Category 2 centres")
        permissions = [("publish_centre", _("Can publish and unpublish centres"))]
        constraints = [
            *Publishable.publishing_constraints("centre"),
            *Illustrated.image_constraints("centre"),
            models.CheckConstraint(
                condition=year_in_range("year_established"), name="centre_year_range"
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="centre_slug_not_empty"),
        ]
        indexes = [
            models.Index(fields=["status", "published_at", "name"], name="centre_visible"),
            models.Index(fields=["country", "name"], name="centre_country_name"),
            models.Index(fields=["sector", "name"], name="centre_sector_name"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("countries:centre-detail", args=[self.slug])
