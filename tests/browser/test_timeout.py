"""The time-out warning in Chromium, one journey per language (WCAG 2.2.1;
docs/data-protection.md, "Answers in the browser session"): the dialog opens before the
answers are dropped, is spoken, is used with the keyboard, extends the window; left alone,
the page ends on the calm "session ended" page. Windows of a few seconds keep the test
short: 8 s with the warning 7 s before (axe has time while the dialog is open), then 5 s."""

from datetime import timedelta

import pytest

from .helpers import axe_check

WORDS = {
    # language: (the dialog's heading, the warning's sentence start, the ended page's heading)
    "fr": ("Avez-vous besoin de plus de temps", "Pour protéger vos données", "Le temps est écoulé"),
    "nl": ("Hebt u meer tijd nodig?", "Om uw gegevens te beschermen", "Uw tijd is om"),
    "de": ("Brauchen Sie mehr Zeit?", "Zum Schutz Ihrer Daten", "Ihre Zeit ist um"),
    "en": ("Do you need more time?", "To protect your data", "Your session has ended"),
}


@pytest.mark.parametrize("language", list(WORDS))
def test_the_time_out_warns_extends_and_ends_calmly(page, settings, language):
    settings.WIZARD_IDLE_TIMEOUT = timedelta(seconds=8)
    settings.WIZARD_WARNING = timedelta(seconds=7)
    heading, sentence, ended = WORDS[language]
    page.goto(f"/{language}/request/")
    assert page.locator("#kept-for").is_visible()  # said without a script too
    page.check("#id_eligibility-already_helped_1")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/{language}/request/identification/")

    dialog = page.locator("#timeout-dialog")
    dialog.wait_for(state="visible", timeout=3000)
    assert page.get_by_role("dialog", name=heading).is_visible()
    assert sentence in page.locator(".timeout__spoken").text_content()  # aria-live
    button = dialog.locator("button")
    assert button.evaluate("(b) => b === document.activeElement")  # focus in the dialog
    axe_check(page)

    settings.WIZARD_IDLE_TIMEOUT = timedelta(seconds=5)  # the next window, shorter
    settings.WIZARD_WARNING = timedelta(seconds=2)
    with page.expect_response("**/more-time/") as extended:
        page.keyboard.press("Enter")  # "Continue my request", with the keyboard
    assert extended.value.ok
    dialog.wait_for(state="hidden", timeout=2500)
    assert page.url.endswith(f"/{language}/request/identification/")
    # Another window: the warning comes back before the end, then the end.
    dialog.wait_for(state="visible", timeout=4000)
    page.wait_for_url(f"**/{language}/request/expired/", timeout=6000)
    assert ended in page.locator("h1").text_content()
    axe_check(page)
    # The answers are gone: the next question leads back to the first.
    page.goto(f"/{language}/request/identity/")
    assert page.url.endswith(f"/{language}/request/eligibility/")
