"""Who a request comes from: its client's address, as every limit counts it (the sign-in
throttle, the public site's rate limit)."""

import ipaddress
import logging

from django.conf import settings

logger = logging.getLogger(__name__)


def client_ip(request):
    """The address a request comes from.

    REMOTE_ADDR, unless TRUSTED_PROXY_COUNT (DJANGO_TRUSTED_PROXY_COUNT) says that that many
    reverse proxies each append the address they received the request from to
    X-Forwarded-For: the client is then the last address the outermost one appended, which
    no client can forge. Anything before it in the header is whatever the client sent.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = request.headers.get("x-forwarded-for", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= count:
            try:
                return str(ipaddress.ip_address(forwarded[-count]))
            except ValueError:
                logger.warning("X-Forwarded-For holds no address at %d: %r", count, forwarded)
    return request.META.get("REMOTE_ADDR")


def client_network(request):
    """The client as a limit counts it: its IPv4 address, or the /64 network of its IPv6
    address (one subscriber's line: a client can pick any address inside it)."""
    address = client_ip(request) or ""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        if parsed.ipv4_mapped is not None:  # ::ffff:192.0.2.1 is an IPv4 client
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)
