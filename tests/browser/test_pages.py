"""The public pages in a real browser: accessibility in the four languages, keyboard,
language switcher, no JavaScript, small screens, and the Content-Security-Policy (the
fixtures fail any test during which the browser reports a CSP violation)."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import (
    assert_focus_visible,
    assert_no_horizontal_overflow,
    axe_check,
    axe_violations,
    browser_problems,
    format_violations,
    horizontal_overflow,
    shot,
)

LANGUAGES = ["fr", "nl", "de", "en"]
PAGES = {"home": "/{language}/", "about": "/{language}/about/", "404": "/{language}/no-such/"}


# One browser context per page kind, its four languages visited in turn: a fresh context
# costs about 0.4 s, axe about 0.5 s a page.
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations_in_any_language(page, name):
    failures = []
    for language in LANGUAGES:
        response = page.goto(PAGES[name].format(language=language))
        assert response.status == (404 if name == "404" else 200)
        expect(page.locator("html")).to_have_attribute("lang", language)
        if violations := axe_violations(page):
            shot(page, f"axe-{name}-{language}")
            failures.append(format_violations(violations, page.url))
    assert not failures, "\n\n".join(failures)


def test_axe_check_reports_rule_impact_and_target(page):
    page.goto("/fr/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        '\'<img id="no-alt" src="/static/cpasonline/missing.png">\')'
    )
    with pytest.raises(AssertionError) as failure:
        axe_check(page)
    assert "- image-alt (critical): Images must have alternative text" in str(failure.value)
    assert "at #no-alt" in str(failure.value)


def test_admin_login_has_no_accessibility_violations(page):
    page.goto("/admin/login/")
    violations = axe_violations(page)
    assert not violations, format_violations(violations, page.url)


def test_root_sends_to_the_browser_language(new_page):
    page = new_page(locale="nl-BE")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/nl/$"))


def test_skip_link_moves_focus_to_the_main_content(page):
    page.goto("/fr/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Aller au contenu principal")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    shot(page, "skip-link-focused")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


@pytest.mark.parametrize("url", ["/fr/", "/admin/login/"])
def test_keyboard_focus_is_always_visible(page, url):
    page.goto(url)
    assert_focus_visible(page)


def test_language_switcher_keeps_the_page(page):
    page.goto("/fr/about/")
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="Deutsch").click()
    expect(page).to_have_url(re.compile(r"/de/about/$"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    current = page.get_by_role("navigation", name="Sprache").locator("[aria-current]")
    expect(current).to_have_text("Deutsch")


def test_language_switcher_on_a_missing_page_leads_home(page):
    page.goto("/fr/no-such/")
    page.get_by_role("link", name="Nederlands").click()
    expect(page).to_have_url(re.compile(r"/nl/$"))


def test_home_works_without_javascript(nojs_page):
    nojs_page.goto("/fr/")
    expect(nojs_page.get_by_role("heading", level=1)).to_have_text("Demander de l’aide à un CPAS")
    nojs_page.get_by_role("link", name="English").click()
    expect(nojs_page).to_have_url(re.compile(r"/en/$"))
    expect(nojs_page.get_by_role("heading", level=1)).to_have_text("Ask a CPAS for help")


@pytest.mark.parametrize("name", PAGES)
def test_page_reflows_at_200_percent_zoom_on_a_320px_screen(zoomed_page, name):
    failures = []
    for language in LANGUAGES:
        zoomed_page.goto(PAGES[name].format(language=language))
        result = horizontal_overflow(zoomed_page)
        if result["scrollWidth"] > result["clientWidth"]:
            shot(zoomed_page, f"overflow-{name}-{language}")
            failures.append(f"{zoomed_page.url}: {result}")
    assert not failures, "\n".join(failures)


def test_admin_login_reflows_at_320px(narrow_page):
    narrow_page.goto("/admin/login/")
    assert_no_horizontal_overflow(narrow_page)


def test_pages_carry_a_strict_content_security_policy(page):
    response = page.goto("/fr/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "same-origin"


def test_a_csp_violation_is_caught(page):
    page.goto("/fr/")
    page.evaluate(
        "() => document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')"
    )
    expect(page.locator("p[style]")).to_have_count(1)
    page.wait_for_timeout(100)  # the console message arrives after the DOM change
    problems = browser_problems(page)
    assert any("Content Security Policy" in problem for problem in problems), problems
    problems.clear()  # accepted here; the fixture would fail the test otherwise
