"""What is checked before each page of the wizard, in order (docs/architecture.md).

Each policy looks at the wizard, the request and the step asked for, and either lets
the page go on (None) or answers instead of it. ``RequestWizard`` runs ``POLICIES``
before every GET and POST.
"""

import uuid

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from cpasonline.ratelimit import is_limited, too_many_requests
from eid import session as eid_session
from intake.constants import IdentificationMethod

from . import idle
from .steps import BRANCH_STEPS, stored_answer

SUBMITTED_KEY = "intake_submitted"
COMMUNE_STEPS = BRANCH_STEPS


def sent_request_shows_its_confirmation(wizard, request, step):
    """After sending, a refresh, the back button or a second POST shows the same
    confirmation, never a second request; the first step starts a new one."""
    sent = not wizard.storage.data["step_data"] and request.session.get(SUBMITTED_KEY)
    if sent and (request.method == "POST" or step not in (None, wizard.steps.first)):
        return redirect("wizard:confirmation")
    return None


def idle_answers_expire(wizard, request, step):
    """Answers left alone longer than WIZARD_IDLE_TIMEOUT are dropped; so are those of a
    session that expired (its cookie came back with nothing behind it)."""
    remaining = idle.idle_remaining(wizard.storage.extra_data)
    if remaining is not None and remaining < 0:
        wizard.storage.reset()
        return redirect("wizard:expired")
    came_back_empty = (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        and not request.session.session_key
        and step not in (None, wizard.steps.first)
    )
    if came_back_empty:
        return redirect("wizard:expired")
    return None


def idle_clock_moves(wizard, request, step):
    """The idle clock moves at most once a minute, so that a page view writes nothing."""
    remaining = idle.idle_remaining(wizard.storage.extra_data)
    if remaining is None or idle.idle_seconds() - remaining >= idle.resolution():
        idle.idle_touch(wizard.storage.extra_data)
    return None


def sending_is_rate_limited(wizard, request, step):
    """Requests sent from one browser session, and from one address, are limited: a
    household or a social service behind one address can still send several
    (docs/data-protection.md, "Answers in the browser session"); the answers are kept meanwhile."""
    if step != wizard.done_step_name:
        return None
    session_key = request.session.session_key
    if (
        session_key
        and is_limited(
            request,
            group="intake.send.session",
            key=session_key,
            rate=settings.SUBMISSION_SESSION_RATE,
        )
    ) or is_limited(request, group="intake.send", rate=settings.SUBMISSION_RATE):
        return too_many_requests(request)
    return None


def commune_search_limited(request) -> bool:
    """Each answer to a page with a commune field is a search: limited per address."""
    return is_limited(request, group="intake.commune-search", rate=settings.COMMUNE_SEARCH_RATE)


def commune_search_is_rate_limited(wizard, request, step):
    if request.method == "POST" and step in COMMUNE_STEPS and commune_search_limited(request):
        return too_many_requests(request)
    return None


def identity_needs_the_eid_login(wizard, request, step):
    """Whoever chose eID comes back to that choice if the login failed, was cancelled
    or has expired."""
    if (
        step == "identity"
        and wizard.identification_method() == IdentificationMethod.EID
        and eid_session.get_person(request) is None
    ):
        wizard.storage.current_step = "identification"
        return redirect(wizard.get_step_url("identification"))
    return None


STALE_STEP = _(
    "Your answers changed, perhaps in another window, and that question no longer applies. "
    "Here is the next question for you."
)


def asked_step(wizard, request, step) -> str | None:
    """The step a request is about: for a POST, the one its form says it answers
    (formtools trusts it), else the one in the URL."""
    if request.method == "POST":
        return request.POST.get(f"{wizard.prefix}-current_step")
    return step


def first_unanswered(wizard) -> str:
    steps = list(wizard.get_form_list())
    for step in steps:
        if wizard.storage.get_step_data(step) is None:
            return step
    return steps[-1]


def already_helped_goes_no_further(wizard, request, step):
    """Circular 3: whoever said a CPAS already helps them goes no further, whatever
    the URL or the order of the pages (docs/identification.md)."""
    asked = asked_step(wizard, request, step)
    if asked in (None, wizard.steps.first):
        return None
    if stored_answer(wizard, "eligibility", "already_helped") is True:
        wizard.storage.current_step = wizard.steps.first
        return redirect("wizard:already_helped")
    return None


def unknown_or_stale_steps_lead_back(wizard, request, step):
    """A page that does not exist, or no longer applies (an answer changed in another
    tab), leads to the next question with a word of explanation, never to an error."""
    steps = wizard.get_form_list()
    if wizard.storage.current_step is not None and wizard.storage.current_step not in steps:
        wizard.storage.current_step = first_unanswered(wizard)
    asked = asked_step(wizard, request, step)
    if asked is None or asked in steps:
        return None
    if request.method == "GET" and asked == wizard.done_step_name:
        return None
    if asked in wizard.form_list:  # a real question, skipped by the answers given
        messages.info(request, STALE_STEP)
    go_to = first_unanswered(wizard)
    wizard.storage.current_step = go_to
    return redirect(wizard.get_step_url(go_to))


def questions_come_in_order(wizard, request, step):
    """A page is shown, or answered, only after the ones before it (an empty review
    page, or an identification page before the first question, leads back)."""
    asked = asked_step(wizard, request, step)
    if asked is None:
        return None
    steps = list(wizard.get_form_list())
    target = steps[-1] if asked == wizard.done_step_name else asked
    if target not in steps:
        return None
    for earlier in steps[: steps.index(target)]:
        if wizard.storage.get_step_data(earlier) is None:
            wizard.storage.current_step = earlier
            return redirect(wizard.get_step_url(earlier))
    return None


def submission_key_is_drawn(wizard, request, step):
    """One wizard, one request: the key that makes sending idempotent."""
    wizard.storage.extra_data.setdefault("submission_key", str(uuid.uuid4()))
    return None


POLICIES = [
    sent_request_shows_its_confirmation,
    idle_answers_expire,
    idle_clock_moves,
    sending_is_rate_limited,
    commune_search_is_rate_limited,
    already_helped_goes_no_further,
    unknown_or_stale_steps_lead_back,
    questions_come_in_order,
    identity_needs_the_eid_login,
    submission_key_is_drawn,
]
