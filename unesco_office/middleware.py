"""The project's own middleware: the page's language from its address alone, and the
response headers that Django's SecurityMiddleware does not set itself."""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware import locale
from django.utils import translation


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware, without `Vary: Accept-Language` when the URL alone decides.

    With `i18n_patterns(prefix_default_language=False)`, a page's language is its prefix
    (/fr/, /zh-hans/) or, without one, the default language: neither the Accept-Language
    header nor a cookie plays a part. Django still adds `Vary: Accept-Language` to every
    unprefixed response, which would make shared caches store the English pages once per
    browser language. Other URL configurations keep Django's behaviour unchanged.
    """

    def process_response(self, request, response):
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
