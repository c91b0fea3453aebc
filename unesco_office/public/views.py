from urllib.parse import urlencode

from django.contrib.sitemaps import views as sitemaps
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from countries.models import Country, Site
from countries.public import public_centres
from events.models import Event
from sectors.models import Sector
from unesco_office.core.cache import serves_parameters
from unesco_office.core.paging import CountedPaginator
from unesco_office.models import ShareLink
from unesco_office.public.preview import Preview, private, render_preview
from unesco_office.public.search.engine import Search, record_miss
from unesco_office.public.search.results import Results, SearchForm
from unesco_office.public.sitemaps import sitemaps as sitemap_sections


def office_numbers():
    """The office's numbers, counted from what is published: the sites of each designation in
    the countries it covers, its centres and those countries, each as the list it links to
    shows it (`sites_query` narrows the site list to the covered countries). Three queries."""
    covered = list(Country.objects.published().filter(is_covered=True).values_list("pk", "slug"))
    in_covered = Site.countries.through.objects.filter(
        site=OuterRef("pk"), country__in=[pk for pk, _slug in covered]
    )
    designation = Site.Designation
    sites = (
        Site.objects.published()
        .filter(Exists(in_covered))
        .aggregate(
            **{
                name: Count("pk", filter=Q(designation=designation[name.upper()]))
                for name in ("world_heritage", "biosphere_reserve", "geopark")
            }
        )
    )
    return {
        **sites,
        "sites_query": urlencode([("country", slug) for _pk, slug in covered]),
        "centres": public_centres().count(),
        "countries": len(covered),
    }


class HomeView(TemplateView):
    template_name = "unesco_office/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            numbers=office_numbers(),
            sectors=Sector.objects.published().in_name_order("order"),
            upcoming_events=Event.objects.published()
            .upcoming_bounded()
            .select_related("country")[:6],
            featured_sites=Site.objects.published()
            .filter(is_featured=True)
            .prefetch_related(Prefetch("countries", queryset=Country.objects.published()))[:6],
            **kwargs,
        )


class AboutView(TemplateView):
    template_name = "unesco_office/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            countries=Country.objects.published().filter(is_covered=True).in_name_order("order"),
            numbers=office_numbers(),
            **kwargs,
        )


class SearchView(TemplateView):
    """Events, sites, sectors, countries and centres matching `?q=`, best first (see search.py).

    Without a search the page asks for one and reads nothing but the office profile; with one,
    it runs three queries whatever the number of results: the profile, the count, the page.
    When nothing holds every word, the page offers the words spelt as the records' names are
    ("Did you mean"), else what holds some of the words, and says so.
    """

    template_name = "unesco_office/search.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        serves_parameters(self.request, ["q", "page"])
        form = SearchForm(self.request.GET)
        context = super().get_context_data(form=form, search=None, **kwargs)
        if not form.is_valid():
            return context | {"problems": [e for errors in form.errors.values() for e in errors]}
        search = Search(form.cleaned_data["q"])
        problems = list(search.problems)
        if not search:
            return context | {"problems": problems}
        results = Results(search)
        count = results.count()
        suggestion = some_words = None
        if count == 0:
            record_miss(search.text)
            if (text := search.suggestion()) and (
                count := (corrected := Results(Search(text))).count()
            ):
                suggestion, results = text, corrected
            elif (loose := search.loosened()) and (count := (some := Results(loose)).count()):
                some_words, results = True, some
        paginator = CountedPaginator(results.rows(), self.paginate_by, count=count)
        page, page_problem = paginator.page_or_nearest(self.request.GET.get("page"))
        if page_problem:
            problems.append(page_problem)
        return context | {
            "search": search,
            "suggestion": suggestion,
            "some_words": some_words,
            "paginator": paginator,
            "page_obj": page,
            "results": results.results(page.object_list),
            "problems": problems,
        }


@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the static icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))


def robots_txt(request):
    """The public site is open to crawlers; the admin is not. Names the sitemap's address."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Allow: /", "Disallow: /admin/", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def sitemap_index(request):
    """/sitemap.xml: the address of each of the sections' files."""
    return sitemaps.index(request, sitemap_sections(), sitemap_url_name="sitemap-section")


def sitemap_section(request, section):
    """/sitemap-<section>.xml?p=<file>: one file of a section's addresses."""
    serves_parameters(request, ["p"])
    return sitemaps.sitemap(request, sitemap_sections(), section=section)


def share(request, token):
    """A record's page through a share link, published or not: the record as saved, with
    the banner of a preview. A token that is not valid, or whose link expired or was
    revoked, or whose record was deleted, gets the same plain 404 page, which says nothing
    about the record."""
    link = ShareLink.from_token(token)
    record = link.record if link else None
    if record is None:
        return private(render(request, "unesco_office/share_invalid.html", status=404))
    return render_preview(
        request, record, Preview(source=Preview.SHARED, expires_at=link.expires_at)
    )
