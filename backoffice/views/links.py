"""Confirming or dismissing a possible match between two requests of the CPAS
(circular 9.2.1; docs/linked-requests.md). Who and when is recorded."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from intake import services as steps
from intake.models import RequestLink

from .detail import action


def _link(request, aid_request) -> RequestLink:
    """A link of this request, between two requests this CPAS holds (else 404)."""
    cpas_id = request.user.cpas_id
    try:
        return RequestLink.objects.filter(
            Q(later=aid_request) | Q(earlier=aid_request),
            later__cpas_id=cpas_id,
            earlier__cpas_id=cpas_id,
        ).get(pk=int(request.POST.get("link", "")))
    except (ValueError, RequestLink.DoesNotExist):
        raise Http404 from None


@action
def match(request, aid_request):
    link = _link(request, aid_request)
    if request.POST.get("decision") == "confirm":
        steps.request_link_confirm(link=link, user=request.user)
        messages.success(request, _("Recorded: the two requests are of the same person."))
    else:
        steps.request_link_dismiss(link=link, user=request.user)
        messages.success(request, _("Recorded: the two requests are of two different people."))
    return None
