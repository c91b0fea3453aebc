"""Spreadsheet columns of countries, sites and centres (see unesco_office.staff.imports.resources)."""

from modeltranslation.utils import get_translation_fields

from unesco_office.staff.imports.resources import ContentResource

from .models import Centre, Country, Site

PUBLISHING = ["status", "published_at", "unpublish_at"]


class CountryResource(ContentResource):
    required_columns = ("slug", "name_en", "iso2", "iso3")

    class Meta:
        model = Country
        fields = [
            "slug",
            *get_translation_fields("name"),
            "iso2",
            "iso3",
            "time_zone",
            "is_covered",
            "order",
            *get_translation_fields("summary", "body"),
            *PUBLISHING,
        ]


class SiteResource(ContentResource):
    """Every designation: the Biosphere Reserves and Global Geoparks have no official export
    to import from, so their spreadsheet is this one."""

    required_columns = ("slug", "name_en", "designation", "countries", "sector", "year_designated")

    class Meta:
        model = Site
        fields = [
            "slug",
            *get_translation_fields("name"),
            "designation",
            "countries",
            "sector",
            "wh_category",
            "criteria",
            "year_designated",
            "extension_years",
            "is_in_danger",
            "in_danger_since",
            "latitude",
            "longitude",
            "area_ha",
            "official_id",
            "official_url",
            "is_featured",
            *get_translation_fields("summary", "body"),
            *PUBLISHING,
        ]


class CentreResource(ContentResource):
    required_columns = ("slug", "name_en", "country", "sector")

    class Meta:
        model = Centre
        fields = [
            "slug",
            *get_translation_fields("name"),
            "acronym",
            "country",
            "sector",
            *get_translation_fields("city"),
            "year_established",
            "website",
            *get_translation_fields("summary", "body"),
            *PUBLISHING,
        ]
