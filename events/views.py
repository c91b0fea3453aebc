from django.views.generic import DetailView, ListView

from .models import Event


def public_events():
    return Event.objects.published().select_related("country").prefetch_related("sectors")


class EventListView(ListView):
    paginate_by = 12

    def get_queryset(self):
        return public_events().upcoming()


class EventDetailView(DetailView):
    def get_queryset(self):
        return public_events().prefetch_related("sites")
