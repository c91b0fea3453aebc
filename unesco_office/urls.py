from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "unesco-office"
admin.site.site_title = "unesco-office admin"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("sectors/", include("sectors.urls")),
    path("events/", include("events.urls")),
    path("", include("countries.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
