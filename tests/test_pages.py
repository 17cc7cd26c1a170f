"""The home page per language, the root redirect, the about page and health."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.core]


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        pytest.param("nl-BE,nl;q=0.9", "/nl/", id="dutch"),
        pytest.param("de-BE", "/de/", id="german"),
        pytest.param("en-GB,en;q=0.8", "/en/", id="english"),
        pytest.param("fr-BE", "/fr/", id="french"),
        pytest.param("es-ES", "/fr/", id="other-language-gets-french"),
        pytest.param("", "/fr/", id="no-preference-gets-french"),
    ],
)
def test_root_picks_the_language(client, accept_language, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_home_page_in_each_language(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_home_page_links_to_the_other_languages(client):
    html = client.get("/nl/").content.decode()
    for code, name in [("fr", "Français"), ("de", "Deutsch"), ("en", "English")]:
        assert f'href="/{code}/" lang="{code}" hreflang="{code}">{name}</a>' in html
    assert '<span aria-current="true" lang="nl">Nederlands</span>' in html


def test_about_page_credits_statbel(client):
    html = client.get("/en/about/").content.decode()
    assert "© Statbel (Statistics Belgium), CC BY 4.0" in html


def test_health(client):
    # With nothing wrong: "ok", the cache reachable, no outbox trouble (details:
    # tests/cpasonline/test_views.py).
    health = client.get("/health/").json()
    assert (health["status"], health["cache"]["reachable"]) == ("ok", True)
    quiet = {
        "late": 0,
        "oldest_late_minutes": None,
        "maybe_sent": 0,
        "stuck": 0,
        "expired_last_24_hours": 0,
    }
    assert health["outbox"] == {
        "late_acknowledgements": 0,
        "oldest_late_acknowledgement_minutes": None,
        "late_applicant_messages": 0,
        "maybe_sent": 0,
        "expired_last_24_hours": 0,
        "test": {"late_acknowledgements": 0, "late_applicant_messages": 0, "maybe_sent": 0},
        "channels": {
            "email": {**quiet, "test": quiet},
            "applicant_message": {**quiet, "test": quiet},
            "webhook": quiet,
        },
    }


@pytest.mark.parametrize(
    ("path", "link"),
    [
        pytest.param("/fr/", '<a href="/fr/backoffice/">Connexion du personnel', id="home-fr"),
        pytest.param(
            "/nl/about/", '<a href="/nl/backoffice/">Aanmelden voor personeel', id="about-nl"
        ),
        pytest.param(
            "/de/request/", '<a href="/de/backoffice/">Anmeldung für Personal', id="wizard-de"
        ),
        pytest.param("/en/no-such-page/", '<a href="/en/backoffice/">Staff login', id="404-en"),
        pytest.param("/fr/backoffice/login/", '<a href="/fr/backoffice/">Connexion du', id="login"),
    ],
)
def test_every_page_links_to_the_staff_login_in_its_footer(client, path, link):
    response = client.get(path, follow=True)
    footer = response.content.decode().split('<footer class="site-footer">')[1]
    assert link in footer
