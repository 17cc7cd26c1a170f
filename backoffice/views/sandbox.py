"""A CPAS manager's sandbox page (behind the staff gate, managers only): the CPAS's test
link, to create, replace or withdraw (docs/sandbox.md)."""

import logging

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sandbox.services import (
    expires_at,
    sandbox_is_open,
    sandbox_link_current,
    sandbox_link_issue,
    sandbox_link_revoke,
    sandbox_link_token,
)

logger = logging.getLogger(__name__)


@never_cache
def sandbox_page(request):
    cpas = request.user.cpas
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "issue":
            sandbox_link_issue(cpas=cpas)
            messages.success(
                request, _("A new test link is ready; the one before no longer works.")
            )
        elif action == "revoke":
            sandbox_link_revoke(cpas=cpas)
            messages.success(request, _("The test link no longer works."))
        if action in ("issue", "revoke"):
            logger.info(
                "Sandbox link of CPAS %s: %s by user %s", cpas.code, action, request.user.pk
            )
        return redirect("backoffice:sandbox")
    link = sandbox_link_current(cpas)
    url = ""
    if link is not None and sandbox_is_open(cpas):
        path = reverse("wizard:sandbox", kwargs={"token": sandbox_link_token(link)})
        url = request.build_absolute_uri(path)
    return render(
        request,
        "backoffice/sandbox.html",
        {
            "cpas": cpas,
            "link": link,
            "url": url,
            "expires_at": expires_at(link) if link else None,
        },
    )
