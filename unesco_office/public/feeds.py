"""Atom feeds of the filtered public lists: `/events/feed/?<filters>`, `/sites/feed/?<filters>`.

A feed takes the same filters as its list page and holds the newest `length` of its records,
newest change first (a record's change: its last edit, or its publication when that came
later, as for a scheduled record). Each entry has the record's title, its page in the feed's
language, a summary, when it was published and last changed, the office as author and an id
that never changes (a `tag:` URI of the host, the record's creation date and its id, so
neither a new title nor a new slug makes feed readers show it twice). Filters the list page
would leave out make the feed fail instead (400, the problems in plain text): a subscription
must never quietly hold more than was asked for.
"""

import re
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models.functions import Greatest
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from unesco_office.core.i18n import fallback_language
from unesco_office.models import OfficeProfile
from unesco_office.public.downloads import unusable_filters

# What XML 1.0 cannot hold: control characters other than tab, line feed and carriage return.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(value):
    """The value without characters XML cannot hold (strings, and strings in a list)."""
    if isinstance(value, str):
        return XML_INVALID.sub("", value)
    if isinstance(value, list | tuple):
        return [xml_text(item) for item in value]
    return value


class XmlSafeAtom1Feed(Atom1Feed):
    """Atom that leaves out the control characters XML 1.0 cannot hold (a vertical tab pasted
    from a word processor into a title, a stray byte in a search) instead of failing."""

    def __init__(self, *args, **kwargs):
        super().__init__(
            *map(xml_text, args), **{name: xml_text(value) for name, value in kwargs.items()}
        )

    def add_item(self, *args, **kwargs):
        super().add_item(
            *map(xml_text, args), **{name: xml_text(value) for name, value in kwargs.items()}
        )

    def item_attributes(self, item):
        """An entry whose title is the English for a missing translation says so."""
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


class UnusableFilters(Exception):
    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


@dataclass
class FeedSource:
    """What a feed is made of: the filters, the request and the office that signs it."""

    filterset: object
    request: object
    office: OfficeProfile

    @property
    def office_name(self):
        return self.office.short_name or self.office.name or gettext("UNESCO office")


def list_query(request):
    """The request's query string without what only the page or the download reads."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return f"?{query.urlencode()}" if query else ""


def describe_filters(filterset):
    """The filters in use, for a feed's title: “Mongolia, Culture, “heritage”, from 2020”."""
    parts = [
        str(choice.label)
        for facet in filterset.facets
        for choice in facet.choices
        if choice.selected
    ]
    data = filterset.form.cleaned_data
    if data.get("q"):
        parts.append(f"“{data['q']}”")
    if data.get("from") is not None:
        parts.append(gettext("from %(start)s") % {"start": data["from"]})
    if data.get("to") is not None:
        parts.append(gettext("until %(end)s") % {"end": data["to"]})
    return pgettext("between the filters named in a feed's title", ", ").join(parts)


def entry_id(request, record):
    """A tag URI (RFC 4151) naming the record for good: `tag:example.org,2026-05-01:events.event/42`."""
    host, _port = split_domain_port(request.get_host())
    return (
        f"tag:{host or 'localhost'},{record.created_at:%Y-%m-%d}:"
        f"{record._meta.label_lower}/{record.pk}"
    )


class FilteredFeed(Feed):
    """An Atom feed of a list's records under the list's filters (see the module)."""

    feed_type = XmlSafeAtom1Feed
    filterset_class = None
    list_name = ""
    title_field = "title"
    length = 50

    def __call__(self, request, *args, **kwargs):
        try:
            response = super().__call__(request, *args, **kwargs)
        except UnusableFilters as error:
            return unusable_filters(request, error.problems, self.list_name)
        # The syndication framework dates the feed by its newest entry; the conditional view
        # around the feed (unesco_office.public.change_stamps) gives the date its ETag is made from.
        del response.headers["Last-Modified"]
        return response

    def get_queryset(self):
        raise NotImplementedError

    def heading(self, filterset):
        raise NotImplementedError

    def get_object(self, request, *args, **kwargs):
        filterset = self.filterset_class(
            request.GET, queryset=self.get_queryset(), request=request, counted=False
        )
        if problems := filterset.problems:
            raise UnusableFilters(problems)
        return FeedSource(filterset, request, OfficeProfile.load())

    def items(self, source):
        records = list(
            source.filterset.qs.annotate(
                last_change=Greatest("updated_at", "published_at")
            ).order_by("-last_change", "-pk")[: self.length]
        )
        for record in records:
            record.feed_id = entry_id(source.request, record)
            record.feed_author = source.office_name
            record.feed_categories = self.categories_of(record, source)
        return records

    def categories_of(self, record, source):
        return []

    def title(self, source):
        heading = str(self.heading(source.filterset))
        if filters := describe_filters(source.filterset):
            heading = _("%(list)s: %(filters)s") % {"list": heading, "filters": filters}
        return f"{heading} · {source.office_name}"

    def link(self, source):
        return reverse(self.list_name) + list_query(source.request)

    def feed_url(self, source):
        return source.request.get_full_path()

    def author_name(self, source):
        return source.office_name

    def item_title(self, item):
        # Atom titles are text: the feed generator escapes them itself.
        return getattr(item, self.title_field)

    def item_extra_kwargs(self, item):
        return {"language": fallback_language(item, self.title_field)}

    def item_guid(self, item):
        return item.feed_id

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_change

    def item_author_name(self, item):
        return item.feed_author

    def item_categories(self, item):
        return item.feed_categories
