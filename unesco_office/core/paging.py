"""Paging for the public lists: a page number out of range shows the nearest page, and says so."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _


class NearestPagePaginator(Paginator):
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


class CountedPaginator(NearestPagePaginator):
    """A paginator told its count, which a filter has already summed from its facets."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count


class NearestPageMixin:
    """For a list view: a page number out of range or not a number shows the nearest page
    instead of a 404, and the note joins the view's other `problems` in the context."""

    paginator_class = NearestPagePaginator
    page_problem = None

    def get_paginator_kwargs(self):
        return {}

    def get_problems(self):
        return []

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, **self.get_paginator_kwargs())
        page, self.page_problem = paginator.page_or_nearest(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        problems = [*self.get_problems(), *filter(None, [self.page_problem])]
        return context | {"problems": problems}
