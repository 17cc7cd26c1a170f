"""The wizard in test mode: opened through a CPAS's sandbox link (docs/sandbox.md).

The link's view checks it, starts a new wizard and keeps the link in the session; every
wizard page then shows the TEST banner (``sandbox_banner``), and sending hands the link
to ``aid_request_submit``, which checks it again. Opening the wizard's start without the
link ends test mode and drops its answers: a test's answers never become a real request,
nor a real request's answers a test.
"""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from routing.models import Cpas
from sandbox.services import Refusal, SandboxLinkRefused, sandbox_link_check

from .policies import SUBMITTED_KEY

SANDBOX_KEY = "wizard_sandbox"
WIZARD_PREFIX = "wizard_request_wizard"  # formtools' session key for RequestWizard


def sandbox_token(request) -> str:
    return (request.session.get(SANDBOX_KEY) or {}).get("token", "")


def _start_afresh(request) -> None:
    request.session.pop(WIZARD_PREFIX, None)
    request.session.pop(SUBMITTED_KEY, None)


def test_mode_end(request) -> bool:
    """Leave test mode, if in it; True if it was (the caller drops its answers)."""
    return request.session.pop(SANDBOX_KEY, None) is not None


def refused_page(request, reason: Refusal):
    return render(request, "wizard/sandbox_refused.html", {"reason": reason.value}, status=404)


@never_cache
def sandbox_open(request, token: str):
    """A CPAS's test link: a new wizard in test mode, or a page saying why not."""
    try:
        opened = sandbox_link_check(token)
    except SandboxLinkRefused as refused:
        return refused_page(request, refused.reason)
    _start_afresh(request)
    request.session[SANDBOX_KEY] = {"token": token, "cpas": opened.cpas.pk}
    return redirect("wizard:step", step="eligibility")


def sandbox_banner(request) -> dict:
    """Context processor: on the wizard's pages in test mode, the CPAS whose sandbox
    receives the request (the banner's and the title's TEST mark)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "wizard":
        return {}
    mode = request.session.get(SANDBOX_KEY) if hasattr(request, "session") else None
    if not mode:
        return {}
    return {"sandbox_test": {"cpas": Cpas.objects.filter(pk=mode.get("cpas")).first()}}
