from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from unesco_office.models import OfficeProfile


def office(request):
    """The office profile for the header and footer of every page, read once per request."""
    return {"office": SimpleLazyObject(OfficeProfile.load)}


def languages(request):
    """The current page in every language, for the language switcher and hreflang links.

    Each entry: code, name (in that language), url (path and query string), absolute_url,
    is_current, is_default. A page that resolved is reversed under each language (the query string is
    kept, so a filtered list stays filtered); a page that did not (404) offers each
    language's home page.
    """
    return {"language_links": SimpleLazyObject(lambda: _language_links(request))}


def _language_links(request):
    match = request.resolver_match
    query = request.META.get("QUERY_STRING", "")
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if match is not None and match.url_name:
                url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
                if query:
                    url = f"{url}?{query}"
            else:
                url = reverse("home")
        links.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
                "is_default": code == settings.LANGUAGE_CODE,
            }
        )
    return links
