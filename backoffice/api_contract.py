"""The API's published contract (docs/api.md): the OpenAPI document gets, on every
operation, the problems it may answer (RFC 9457, ``application/problem+json``) with an
example, beside the examples each schema carries."""

from ninja import NinjaAPI

from .api_problems import CONTENT_TYPE, TYPE_BASE
from .api_versioning import openapi_mark_deprecated

PROBLEM_SCHEMA = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details. `type` names the problem (docs/api.md).",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string", "format": "uri-reference"},
        "errors": {
            "type": "array",
            "description": "For a 422 of the schema: where and why (never the value sent).",
            "items": {
                "type": "object",
                "properties": {
                    "loc": {"type": "array", "items": {"type": "string"}},
                    "msg": {"type": "string"},
                },
            },
        },
        "error": {"type": "string", "description": "POST /token only: the OAuth 2.0 code."},
    },
    "required": ["type", "title", "status", "detail", "instance"],
}

# status → (type, title, detail) of the example shown for it.
_EXAMPLES = {
    "400": (
        "idempotency-key-missing",
        "Idempotency-Key missing",
        "Every write needs an Idempotency-Key header (at most 255 characters).",
    ),
    "401": (
        "unauthenticated",
        "Not authenticated",
        "A valid bearer token is required (it may have expired or been revoked).",
    ),
    "403": (
        "forbidden",
        "Forbidden",
        "Your access to this CPAS does not include the scope “write”.",
    ),
    "404": (
        "not-found",
        "Not found",
        "Your CPAS holds no request with this reference. Nothing was recorded.",
    ),
    "409": (
        "no-longer-held",
        "Request no longer held",
        "Your CPAS transferred this request: it no longer holds it. Nothing was recorded.",
    ),
    "422": (
        "invalid-request",
        "Invalid request",
        "The request does not match the schema: see errors.",
    ),
    "429": (
        "rate-limited",
        "Too many requests",
        "Too many calls from your client: wait before calling again.",
    ),
}


def _codes(path: str, method: str, operation: dict) -> tuple[str, ...]:
    """The problems an operation may answer."""
    if path.endswith("/token"):
        return ("400", "401", "422", "429")
    if "security" not in operation:
        return ()
    codes = ("401", "403", "404", "429")
    if operation.get("parameters") or operation.get("requestBody"):
        codes += ("422",)
    if any(p.get("name") == "Idempotency-Key" for p in operation.get("parameters", ())):
        codes += ("400", "409")
    return codes


def _problem_response(status: str, path: str) -> dict:
    slug, title, detail = _EXAMPLES[status]
    example = {
        "type": TYPE_BASE + slug,
        "title": title,
        "status": int(status),
        "detail": detail,
        "instance": path,
    }
    return {
        "description": title,
        "content": {
            CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}, "example": example}
        },
    }


class ContractApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                # Ninja's int keys and openapi_extra's string keys: one of each code.
                responses = {str(code): value for code, value in operation["responses"].items()}
                for code in _codes(path, method, operation):
                    responses.setdefault(code, _problem_response(code, path))
                operation["responses"] = dict(sorted(responses.items()))
        openapi_mark_deprecated(schema)
        return schema
