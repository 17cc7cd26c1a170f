from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from . import emergency
from .degraded import degraded_counts
from .health import outbox_health, outbox_troubled


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        # The lines for the whole country: the region is not known yet
        # (docs/emergency-contacts.md).
        lines = emergency.tonight(regions=frozenset({"be"}), language=get_language())
        return super().get_context_data(tonight=lines, **kwargs)


class AboutView(TemplateView):
    template_name = "about.html"


@never_cache
def health(request):
    """Database reachability for load balancers and compose (an error: 500), and what
    an operator must see (docs/notifications.md, "What operators see").

    ``status`` is "degraded", still with 200, when the cache is unreachable or the
    outbox is in trouble: the site takes requests then, it must stay in service.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    outbox = outbox_health(now=timezone.now())
    cache_reachable = _cache_reachable()
    troubled = outbox_troubled(outbox) or not cache_reachable
    return JsonResponse(
        {
            "status": "degraded" if troubled else "ok",
            "cache": {"reachable": cache_reachable, "this_process": degraded_counts()},
            "outbox": outbox,
        }
    )


def _cache_reachable() -> bool:
    try:
        cache.get("health:probe")
    except Exception:  # any backend's connection or timeout error
        return False
    return True


@never_cache
def liveness(request):
    """The process answers: no database, no template (also the benchmark's bare view)."""
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A form came back without a valid CSRF token: an old page, the back button or
    blocked cookies. Django's ``reason`` is for developers and is not shown."""
    return render(request, "403_csrf.html", status=403)
