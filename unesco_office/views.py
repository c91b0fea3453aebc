from django.db import connection
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from countries.models import Centre, Country, Site
from events.models import Event
from sectors.models import Sector


class HomeView(TemplateView):
    template_name = "unesco_office/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sectors=Sector.objects.published(),
            upcoming_events=Event.objects.published().upcoming().select_related("country")[:6],
            featured_sites=Site.objects.published()
            .filter(is_featured=True)
            .prefetch_related(Prefetch("countries", queryset=Country.objects.published()))[:6],
            **kwargs,
        )


class AboutView(TemplateView):
    template_name = "unesco_office/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            countries=Country.objects.published().filter(is_covered=True),
            centre_count=Centre.objects.published().count(),
            **kwargs,
        )


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
