"""What visitors narrow the lists of designated sites and of centres by, and how many records
each choice leaves.

Country, designation, World Heritage category, sector and danger are facets (see
unesco_office.core.facets); the designation counts add up to the length of the list. A year range
keeps the sites inscribed or designated in it.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sectors.models import Sector
from unesco_office.core.facets import (
    FacetedFilterForm,
    FacetedFilterSet,
    RelatedFacet,
    ValueFacet,
    text_choices,
)
from unesco_office.core.models import FIRST_YEAR, LAST_YEAR
from unesco_office.public.search.engine import Search

from .models import Centre, Country, Site


def covered_countries():
    """The office's own countries that are public: the choices of every country filter."""
    return Country.objects.published().filter(is_covered=True)


def centre_countries():
    """The centre list's country choices: the covered countries and any other public country
    that hosts a public centre."""
    hosts = Centre.objects.published().values("country")
    return Country.objects.published().filter(Q(is_covered=True) | Q(pk__in=hosts))


def public_sectors():
    return Sector.objects.published()


class SiteFilterForm(FacetedFilterForm):
    range_error = _("The “from” year is after the “to” year, so the years were not used.")


class SiteFilter(FacetedFilterSet):
    """The public site list's filters; `from` and `to` (years) are added below the class."""

    country = RelatedFacet(
        "countries", label=_("Country"), choices=covered_countries, collapsible=False
    )
    designation = ValueFacet(
        "designation",
        label=_("Designation"),
        choices=text_choices(Site.Designation),
        collapsible=False,
    )
    category = ValueFacet(
        "wh_category", label=_("World Heritage category"), choices=text_choices(Site.Category)
    )
    sector = RelatedFacet("sector", label=_("Sector"), choices=public_sectors)
    danger = ValueFacet(
        "is_in_danger",
        label=_("State of conservation"),
        choices=[("yes", True, _("In danger"))],
    )
    search_class = Search
    total_facet = "designation"
    range_label = _("Year inscribed or designated")

    class Meta:
        model = Site
        fields = []
        form = SiteFilterForm

    @staticmethod
    def count_text(count):
        return ngettext("%(count)s site", "%(count)s sites", count) % {"count": count}

    def filter_from(self, queryset, name, value):
        return queryset.filter(year_designated__gte=value)

    def filter_to(self, queryset, name, value):
        return queryset.filter(year_designated__lte=value)


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def year_filter(label, method):
    problem = format_lazy(
        _("“{label}” is not a year from {first} to {last}, so it was not used."),
        label=label,
        first=FIRST_YEAR,
        last=LAST_YEAR,
    )
    return YearFilter(
        label=label,
        method=method,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": problem, "min_value": problem, "max_value": problem},
    )


# `from` and `to` are Python keywords, so these two filters are added under their URL names.
SiteFilter.base_filters["from"] = year_filter(_("From"), "filter_from")
SiteFilter.base_filters["to"] = year_filter(_("To"), "filter_to")


class CentreFilter(FacetedFilterSet):
    """The public centre list's filters: its country and sector, and the search."""

    country = RelatedFacet("country", label=_("Country"), choices=centre_countries)
    sector = RelatedFacet("sector", label=_("Sector"), choices=public_sectors)
    search_class = Search
    total_facet = "country"

    class Meta:
        model = Centre
        fields = []

    @staticmethod
    def count_text(count):
        return ngettext("%(count)s centre", "%(count)s centres", count) % {"count": count}
