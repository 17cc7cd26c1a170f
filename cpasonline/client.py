"""The client's address, one function for the rate limits, the login throttle and
the access log (docs/data-protection.md).

Behind ``TRUSTED_PROXY_COUNT`` reverse proxies that each append the address they were
reached from to X-Forwarded-For, the client is the entry the outermost proxy appended;
with 0, REMOTE_ADDR. Entries the client wrote itself (to the left) are never trusted.
django-ipware counts proxies differently (the proxies listed in the header, not the
ones that append to it) and answers None for one proxy appending the client's
address: this function keeps the deployment's plain meaning.
"""

from django.conf import settings


def client_ip(request) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
