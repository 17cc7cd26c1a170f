"""The published contract (docs/api.md): OpenAPI with examples for every operation and
its problems, the JSON Schema of a request, problem+json for every error."""

import pytest

from tests.factories import submit

from .api_support import bearer, grant, token_for, vendor

pytestmark = pytest.mark.django_db


def _resolve(schema: dict, document: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    if schema.get("type") == "array":
        return _resolve(schema["items"], document)
    return schema


def _has_examples(schema: dict, document: dict) -> bool:
    schema = _resolve(schema, document)
    return bool(schema.get("examples")) or all(
        "examples" in prop or "default" in prop for prop in schema.get("properties", {}).values()
    )


def test_every_operation_has_examples_and_documents_its_problems(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["info"]["version"] == "1"
    operations = [
        (path, method, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]
    assert len(operations) >= 8
    for path, method, operation in operations:
        where = f"{method} {path}"
        [success] = [code for code in operation["responses"] if code.startswith("2")]
        if success != "204":  # no content
            [ok] = operation["responses"][success]["content"].values()
            assert ok.get("example") or _has_examples(ok["schema"], document), where
        if "requestBody" in operation:
            [body] = operation["requestBody"]["content"].values()
            assert _has_examples(body["schema"], document), where
        for code, response in operation["responses"].items():
            if code.startswith("4"):
                problem = response["content"]["application/problem+json"]
                assert problem["example"]["status"] == int(code), where
        names = {p["name"]: p for p in operation.get("parameters", [])}
        if path.endswith(
            ("/registration", "/competence", "/transfer", "/conflict-referral", "/decision")
        ):
            assert names["Idempotency-Key"]["required"] is True, where
    assert "Problem" in document["components"]["schemas"]


def test_the_json_schema_of_a_request_describes_what_the_api_returns(client):
    software, secret = vendor()
    grant(software, "92094")
    submit()
    response = client.get("/api/v1/schemas/request.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    schema = response.json()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    token = token_for(client, software, secret, "92094")
    [row] = client.get("/api/v1/requests?status=all", **bearer(token)).json()
    assert set(schema["properties"]) == set(row)
    assert set(schema["required"]) <= set(row)
    assert schema["examples"][0]["reference"].startswith("CPAS-")


def test_a_deprecated_operation_announces_its_sunset(client, monkeypatch):
    from datetime import date

    from backoffice import api_versioning

    monkeypatch.setitem(
        api_versioning.DEPRECATIONS,
        "list_requests",
        api_versioning.Deprecation(
            date(2027, 1, 1), date(2027, 7, 1), "https://cpas-online.example/api-v1-notice"
        ),
    )
    response = client.get("/api/v1/requests")  # even its 401 says so
    assert response["Deprecation"] == "@1798761600"
    assert response["Sunset"] == "Thu, 01 Jul 2027 00:00:00 GMT"
    assert 'rel="sunset"' in response["Link"]
    document = client.get("/api/v1/openapi.json").json()
    assert document["paths"]["/api/v1/requests"]["get"]["deprecated"] is True
    assert "deprecated" not in document["paths"]["/api/v1/token"]["post"]
