from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from unesco_office.public import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap-section"),
    path("admin/", admin.site.urls),
]

# The public pages in every language: English at /, French at /fr/, Chinese at /zh-hans/.
# The language comes from the URL alone, so pages need no cookie and caches key on the URL.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("sectors/", include("sectors.urls")),
    path("events/", include("events.urls")),
    path("", include("countries.urls")),
    path("search/", views.SearchView.as_view(), name="search"),
    # A draft's page for someone outside the admin: see unesco_office.models.ShareLink.
    path("share/<str:token>/", views.share, name="share"),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
