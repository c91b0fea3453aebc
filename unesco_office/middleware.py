"""The project's own middleware: the page's language from its address alone, and the
response headers that Django's SecurityMiddleware does not set itself."""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware import locale
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from unesco_office.staff.languages import staff_language


def is_admin(request):
    try:
        return request.path_info.startswith(reverse("admin:index"))
    except NoReverseMatch:  # a URL configuration without the admin
        return False


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware, without `Vary: Accept-Language` when the URL alone decides,
    and with the admin in each staff member's language.

    With `i18n_patterns(prefix_default_language=False)`, a public page's language is its
    prefix (/fr/, /zh-hans/) or, without one, the default language: neither the
    Accept-Language header nor a cookie plays a part. Django still adds `Vary:
    Accept-Language` to every unprefixed response, which would make shared caches store the
    English pages once per browser language. Other URL configurations keep Django's
    behaviour unchanged.

    The admin is no public page: it speaks the language its staff member chose, else the
    one their browser asks for (see unesco_office.staff.languages).
    """

    def process_request(self, request):
        if not is_admin(request):
            return super().process_request(request)
        translation.activate(staff_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        if is_admin(request):
            response.headers.setdefault("Content-Language", translation.get_language())
            patch_vary_headers(response, ("Accept-Language",))
            return response
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
        if not i18n_patterns_used or prefixed_default_language:
            return super().process_response(request, response)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class CrossOriginResourcePolicyMiddleware:
    """`Cross-Origin-Resource-Policy` on every response (SECURE_CROSS_ORIGIN_RESOURCE_POLICY).

    It tells browsers not to let another origin load the site's pages, images or files into
    its own (Spectre-style side channels and hotlinking), which nothing the site offers needs:
    feeds and calendars are fetched by their readers' servers, not by pages of other sites.
    It sits before the caches in MIDDLEWARE so that cached responses carry it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY
        if policy:
            response.headers.setdefault("Cross-Origin-Resource-Policy", policy)
        return response
