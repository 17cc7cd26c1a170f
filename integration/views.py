"""A CPAS manager's webhooks (behind the staff gate, managers only; docs/integration.md):
the endpoints and who added them, a new one (its secret shown once), a new secret (the
old one signs beside it for an overlap), deactivation, the dead letters and "send again"."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications.constants import DeliveryState

from .forms import WebhookEndpointForm
from .models import WebhookDelivery, WebhookEndpoint
from .webhooks import (
    webhook_deliveries_resend,
    webhook_endpoint_create,
    webhook_endpoint_deactivate,
    webhook_secret_rotate,
)

DEAD = [DeliveryState.EXPIRED, DeliveryState.MAYBE_SENT]


def _page(request, form, *, secret: str = "", until=None, status: int = 200):
    cpas = request.user.cpas
    endpoints = (
        WebhookEndpoint.objects.filter(cpas=cpas)
        .select_related("created_by", "created_by_client")
        .annotate(
            waiting=Count("deliveries", filter=Q(deliveries__state=DeliveryState.PENDING)),
            sent=Count("deliveries", filter=Q(deliveries__state=DeliveryState.SENT)),
            dead=Count("deliveries", filter=Q(deliveries__state__in=DEAD)),
        )
    )
    dead = (
        WebhookDelivery.objects.filter(endpoint__cpas=cpas, state__in=DEAD)
        .select_related("endpoint")
        .order_by("-created_at")[:50]
    )
    context = {
        "form": form,
        "endpoints": endpoints,
        "dead": dead,
        "secret": secret,
        "until": until,
        "now": timezone.now(),
    }
    return render(request, "integration/webhooks.html", context, status=status)


def webhooks(request):
    form = WebhookEndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _endpoint, secret = webhook_endpoint_create(
            cpas=request.user.cpas, url=form.cleaned_data["url"], user=request.user
        )
        messages.success(request, _("The address is added. Copy its secret now."))
        return _page(request, WebhookEndpointForm(), secret=secret)
    return _page(request, form, status=400 if form.errors else 200)


@require_POST
def deactivate(request, pk: int):
    endpoint = WebhookEndpoint.objects.filter(pk=pk, cpas=request.user.cpas).first()
    if endpoint is None:
        raise Http404
    webhook_endpoint_deactivate(endpoint=endpoint)
    messages.success(request, _("The address receives no more events."))
    return redirect("integration:webhooks")


@require_POST
def rotate(request, pk: int):
    """A new secret, shown once; the old one still signs during the overlap."""
    endpoint = WebhookEndpoint.objects.filter(pk=pk, cpas=request.user.cpas, is_active=True).first()
    if endpoint is None:
        raise Http404
    secret, until = webhook_secret_rotate(endpoint=endpoint)
    messages.success(request, _("A new secret is made. Copy it now."))
    return _page(request, WebhookEndpointForm(), secret=secret, until=until)


@require_POST
def resend(request):
    count = webhook_deliveries_resend(cpas=request.user.cpas)
    messages.success(request, _("Events sent again: %(count)s.") % {"count": count})
    return redirect("integration:webhooks")
