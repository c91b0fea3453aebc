from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from .filters import EventFilter, Period
from .models import Event


def public_events():
    return Event.objects.published().select_related("country").prefetch_related("sectors")


class CountedPaginator(Paginator):
    """A paginator told its count, which the filter has already summed from the facets."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count

    def page_or_nearest(self, number):
        """The page asked for or, when there is none such, the first or last one and a note."""
        if number == "last":
            return self.page(self.num_pages), None
        try:
            wanted = int(number or 1)
        except (TypeError, ValueError):
            return self.page(1), _("The page number is not a number, so the first page is shown.")
        if 1 <= wanted <= self.num_pages:
            return self.page(wanted), None
        shown = 1 if wanted < 1 else self.num_pages
        return self.page(shown), _(
            "There is no such page, so page %(shown)s of %(total)s is shown."
        ) % {"shown": shown, "total": self.num_pages}


class EventListView(FilterView):
    """Events, filtered by the query string (see EventFilter), upcoming ones first.

    The page runs four queries whatever the filters and the number of events: the office
    profile, the facet counts (which also give the total), the page's events, their sectors.
    """

    filterset_class = EventFilter
    paginator_class = CountedPaginator
    paginate_by = 12
    # Values that cannot be used are left out and reported, instead of emptying the list.
    strict = False
    headings = {
        Period.UPCOMING: _("Upcoming events"),
        Period.PAST: _("Past events"),
        Period.ALL: _("Events"),
    }

    def get_queryset(self):
        return public_events()

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, count=self.filterset.total)
        page, self.page_problem = paginator.page_or_nearest(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        problems = self.filterset.problems
        if self.page_problem:
            problems.append(self.page_problem)
        return context | {"heading": self.headings[self.filterset.period], "problems": problems}


class EventDetailView(DetailView):
    def get_queryset(self):
        return public_events().prefetch_related("sites")
