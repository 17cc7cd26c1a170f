"""Deprecating an endpoint of /api/v1/ (docs/api.md, "Versioning").

An operation named in ``DEPRECATIONS`` (by its view's name) answers with
``Deprecation`` (RFC 9745: when it was deprecated), ``Sunset`` (RFC 8594: when it stops,
at least six months later) and a ``Link`` to the notice, and is marked ``deprecated`` in
the OpenAPI document. Nothing in v1 is deprecated today.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils.http import http_date


@dataclass(frozen=True)
class Deprecation:
    deprecated_on: date
    sunset_on: date
    notice: str  # the address of the notice to the clients


DEPRECATIONS: dict[str, Deprecation] = {}


def _timestamp(day: date) -> int:
    return calendar.timegm(day.timetuple())


def deprecation_headers(deprecation: Deprecation) -> dict[str, str]:
    return {
        "Deprecation": f"@{_timestamp(deprecation.deprecated_on)}",
        "Sunset": http_date(_timestamp(deprecation.sunset_on)),
        "Link": f'<{deprecation.notice}>; rel="deprecation", <{deprecation.notice}>; rel="sunset"',
    }


def openapi_mark_deprecated(schema: dict) -> None:
    """Operation ids end with the view's name (``NinjaAPI.get_openapi_operation_id``)."""
    for operations in schema["paths"].values():
        for operation in operations.values():
            if any(operation.get("operationId", "").endswith(f"_{n}") for n in DEPRECATIONS):
                operation["deprecated"] = True


class ApiDeprecationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        deprecation = DEPRECATIONS.get(match.url_name) if match else None
        if deprecation is not None and request.path.startswith("/api/"):
            for name, value in deprecation_headers(deprecation).items():
                response[name] = value
        return response
