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
