from django.views.generic import DetailView, ListView

from .models import Sector


class SectorListView(ListView):
    queryset = Sector.objects.published()


class SectorDetailView(DetailView):
    queryset = Sector.objects.published()
