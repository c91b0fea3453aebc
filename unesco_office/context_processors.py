from django.utils.functional import SimpleLazyObject

from .models import OfficeProfile


def office(request):
    """The office profile for the header and footer of every page, read once per request."""
    return {"office": SimpleLazyObject(OfficeProfile.load)}
