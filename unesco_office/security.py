"""Response headers that Django's SecurityMiddleware does not set itself."""

from django.conf import settings


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
