"""Security headers, cookies, request limits, the error pages and `check --deploy`."""

import subprocess
from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.test_settings import PRODUCTION, run_with_settings

pytestmark = pytest.mark.django_db


def test_pages_carry_the_security_headers(client):
    response = client.get("/fr/")
    policy = response["Content-Security-Policy"]
    assert sorted(policy.split("; ")) == [
        "base-uri 'self'",
        "default-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_form_action_takes_more_origins_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(*settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
    )
    result = run_with_settings(
        ["-c", code],
        {"CSP_FORM_ACTION_EXTRA": "https://idp.example,https://idp2.example"},
        tmp_path,
    )
    assert result.stdout.split() == ["'self'", "https://idp.example", "https://idp2.example"]


def test_csrf_cookie_is_httponly_and_samesite(client):
    client.get("/en/backoffice/login/")
    cookie = client.cookies["csrftoken"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_templates_have_no_inline_script_or_style():
    """The CSP forbids them in pages: they would silently not run. (Emails are not
    pages: mail clients need inline styles.)"""
    from django.conf import settings

    folders = [settings.BASE_DIR / "templates", *settings.BASE_DIR.glob("*/templates")]
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}: {marker.strip()}"
        for folder in folders
        for path in folder.rglob("*.html")
        if "email" not in path.relative_to(folder).parts[:-1] and ".venv" not in path.parts
        for marker in ("<script>", "<style", " style=", " onclick=", " onload=", " onsubmit=")
        if marker in path.read_text()
    ]
    assert not offenders


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Page not found"), ("fr", None), ("nl", None), ("de", None)],
)
def test_missing_page(client, language, heading):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert f'<html lang="{language}">' in response.content.decode()
    assert f'href="/{language}/"' in response.content.decode()  # back to the start
    if heading:
        assert f"<h1>{heading}</h1>" in response.content.decode()


def test_server_error_page(settings):
    settings.ROOT_URLCONF = "tests.cpasonline.urls"
    client = Client(raise_request_exception=False)
    response = client.get("/test/broken/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "RuntimeError" not in html
    assert 'href="/en/"' in html


def test_forbidden_page(settings, client):
    settings.ROOT_URLCONF = "tests.cpasonline.urls"
    response = client.get("/test/forbidden/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


def test_csrf_failure_page_is_friendly():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/about/", {"first_name": "Alex"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your form could not be sent" in html
    assert 'href="/en/"' in html
    assert "CSRF" not in html
    assert "Alex" not in html


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(urlencode({"username": "x" * 300_000}), id="body-over-256-KiB"),
        pytest.param(urlencode({f"field{n}": "x" for n in range(201)}), id="201-fields"),
    ],
)
def test_oversized_posts_are_refused(client, body):
    response = client.post(
        "/en/backoffice/login/",
        body,
        content_type="application/x-www-form-urlencoded",
        headers={"accept-language": "en"},
    )
    assert response.status_code == 400
    assert "The page could not be processed" in response.content.decode()


# check --deploy wants a long key with many different characters.
DEPLOY_SECRET_KEY = "k7#Qz!pW2vR9$mX4@tL8^bN3&cJ6*hF1(dS5)gY0-aE+uI=oP["


def check_deploy(tmp_path, **overrides: str) -> subprocess.CompletedProcess:
    return run_with_settings(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {**PRODUCTION, "SECRET_KEY": DEPLOY_SECRET_KEY, **overrides},
        tmp_path,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = check_deploy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_would_catch_a_missing_setting(tmp_path):
    """The check above can fail: without HSTS it does."""
    result = check_deploy(tmp_path, SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stderr
