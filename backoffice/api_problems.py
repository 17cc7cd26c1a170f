"""Every error of the API as problem details (RFC 9457; docs/api.md, "Errors").

A body ``{"type", "title", "status", "detail", "instance"}`` with the content type
``application/problem+json``, whatever raised it: ninja's validation, a missing or
expired token, a scope, a request not found, the rate limit, an ``HttpError`` raised
by any router mounted on the API, or Django itself (a path that does not exist, a
method not allowed): ``ApiProblemMiddleware`` rewrites any other error answered under
``/api/``. A message never echoes what was sent (it may hold personal data).
"""

import json
import logging
from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

from .api_auth import RateLimited

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "urn:cpas-online:problem:"

# (status) → (type, title) of the problems that are plain HTTP statuses.
_BY_STATUS = {
    400: ("bad-request", "Bad request"),
    401: ("unauthenticated", "Not authenticated"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    409: ("conflict", "Conflict"),
    422: ("invalid-request", "Invalid request"),
    429: ("rate-limited", "Too many requests"),
    500: ("server-error", "Internal server error"),
}


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem(
    request,
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    title: str | None = None,
    headers: dict | None = None,
    **extensions,
) -> HttpResponse:
    default_slug, default_title = _BY_STATUS.get(status, ("error", _phrase(status)))
    body = {
        "type": TYPE_BASE + (slug or default_slug),
        "title": title or default_title,
        "status": status,
        "detail": str(detail),
        "instance": request.path,
        **extensions,
    }
    response = HttpResponse(json.dumps(body), status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response


class ProblemError(Exception):
    """Raised by the API's views for a problem with its own type (e.g. ``no-longer-held``)."""

    def __init__(self, status: int, slug: str, title: str, detail: str, **extensions):
        super().__init__(detail)
        self.status, self.slug, self.title, self.detail = status, slug, title, detail
        self.extensions = extensions


def _validation_errors(errors) -> list[dict]:
    """Where and why, never the value sent (it may be a name or a national number)."""
    return [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": error.get("msg", "")}
        for error in errors
    ]


def problem_handlers_install(api) -> None:
    def on_validation(request, exc: ValidationError):
        return problem(
            request,
            422,
            _("The request does not match the schema: see errors."),
            errors=_validation_errors(exc.errors),
        )

    def on_authentication(request, exc):
        return problem(
            request,
            401,
            _("A valid bearer token is required (it may have expired or been revoked)."),
            headers={"WWW-Authenticate": 'Bearer realm="cpas-online"'},
        )

    def on_http_error(request, exc: HttpError):
        return problem(request, exc.status_code, str(exc))

    def on_problem(request, exc: ProblemError):
        return problem(
            request, exc.status, exc.detail, slug=exc.slug, title=exc.title, **exc.extensions
        )

    def on_not_found(request, exc):
        return problem(request, 404, _("Not found."))

    def on_forbidden(request, exc):
        return problem(request, 403, _("Not allowed."))

    def on_rate_limited(request, exc: RateLimited):
        return problem(
            request,
            429,
            _("Too many calls from your client: wait before calling again."),
            headers={"Retry-After": str(exc.retry_after)},
        )

    def on_anything(request, exc):
        logger.exception("API error on %s", request.path)
        return problem(request, 500, _("An unexpected error: nothing was recorded."))

    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(ProblemError, on_problem)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_forbidden)
    api.add_exception_handler(RateLimited, on_rate_limited)
    api.add_exception_handler(Exception, on_anything)


class ApiProblemMiddleware:
    """Any other error answered under /api/ (Django's 404 for an unknown path, 405)
    becomes a problem too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith(CONTENT_TYPE)
        ):
            status = response.status_code
            rewritten = problem(request, status, _phrase(status) + ".")
            for name in ("Allow", "Retry-After", "WWW-Authenticate"):
                if response.has_header(name):
                    rewritten[name] = response[name]
            return rewritten
        return response
