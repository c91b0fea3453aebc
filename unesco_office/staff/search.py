"""The site search in the admin: the synonyms and promoted results editors keep, and the
searches that found nothing, which tell them what to add (registered in
unesco_office.admin)."""

from urllib.parse import urlencode, urlsplit

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from unesco_office.core.text import refuse_control_characters
from unesco_office.models import PromotedResult, SearchMiss
from unesco_office.public.search.sources import sources

# How far back the admin's home adds up the searches that found nothing.
RECENT_DAYS = 90


class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["__str__", "updated_at"]
    search_fields = ["terms"]
    fields = ["terms"]

    def get_changeform_initial_data(self, request):
        """?terms= prefills the form (the link beside a search that found nothing)."""
        return {"terms": request.GET.get("terms", "")[:100]}


def record_at(address):
    """The public record whose page is at an address of this site (any language), or None."""
    try:
        path = urlsplit(address.strip()).path or "/"
    except ValueError:  # not an address at all ("//[": a host that cannot be one)
        return None
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            path = path[len(prefix) - 1 :]
    slug = path.strip("/").rsplit("/", 1)[-1]
    with translation.override(settings.LANGUAGE_CODE):
        for source in sources():
            record = source.model.objects.filter(slug=slug).first()
            if record is not None and record.get_absolute_url() == path:
                return record
    return None


class PromotedResultForm(forms.ModelForm):
    address = forms.CharField(
        label=_("page"),
        max_length=500,
        validators=[refuse_control_characters],
        help_text=_(
            "The address of the page to show first, copied from the browser: "
            "https://…/events/…/, /fr/sites/…/ or the like."
        ),
    )

    class Meta:
        model = PromotedResult
        fields = ["query", "address", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.record is not None:
            with translation.override(settings.LANGUAGE_CODE):
                self.initial["address"] = self.instance.record.get_absolute_url()

    def clean_address(self):
        record = record_at(self.cleaned_data["address"])
        if record is None:
            raise forms.ValidationError(
                _("No page of a sector, country, site, centre or event is at this address.")
            )
        self.instance.content_type = ContentType.objects.get_for_model(record)
        self.instance.object_id = record.pk
        return self.cleaned_data["address"]


class PromotedResultAdmin(admin.ModelAdmin):
    form = PromotedResultForm
    list_display = ["query", "record_link", "order"]
    search_fields = ["query"]
    ordering = ["query_key", "order"]

    def get_changeform_initial_data(self, request):
        return {"query": request.GET.get("query", "")[:100]}

    @admin.display(description=_("page"))
    def record_link(self, pin):
        record = pin.record
        if record is None:
            return _("(deleted)")
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), record)


class SearchMissAdmin(admin.ModelAdmin):
    """The searches that found nothing, a row a text and a day, with links to add a synonym
    or to promote a page for each. Read-only; the admin's home adds them up (see misses())."""

    list_display = ["query", "day", "searches", "remedies"]
    date_hierarchy = "day"
    search_fields = ["query"]
    list_per_page = 100
    show_facets = admin.ShowFacets.NEVER

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("what to do"))
    def remedies(self, miss):
        return remedies(miss.query)


def remedies(query):
    """Links to add a synonym for a search text, or to promote a page for it."""
    synonym = reverse("admin:unesco_office_searchsynonym_add") + "?" + urlencode({"terms": query})
    promote = reverse("admin:unesco_office_promotedresult_add") + "?" + urlencode({"query": query})
    return format_html(
        '<a href="{}">{}</a> · <a href="{}">{}</a>',
        synonym,
        _("Add a synonym"),
        promote,
        _("Promote a page"),
    )


def misses(limit=10):
    """The searches that found nothing most often in the last RECENT_DAYS days: [(text,
    searches, remedies)]. One query."""
    since = timezone.localdate() - timezone.timedelta(days=RECENT_DAYS)
    found = (
        SearchMiss.objects.filter(day__gte=since)
        .values("query")
        .annotate(total=Sum("searches"))
        .order_by("-total", "query")[:limit]
    )
    return [(row["query"], row["total"], remedies(row["query"])) for row in found]
