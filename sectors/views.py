from django.views.generic import DetailView, ListView

from .models import Sector


class SectorListView(ListView):
    def get_queryset(self):
        return Sector.objects.published()


class SectorDetailView(DetailView):
    def get_queryset(self):
        return Sector.objects.published()
