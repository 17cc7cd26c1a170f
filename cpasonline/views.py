from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView


class HomeView(TemplateView):
    template_name = "home.html"


class AboutView(TemplateView):
    template_name = "about.html"


@never_cache
def health(request):
    """Liveness and database reachability, for load balancers and compose."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@never_cache
def liveness(request):
    """The process answers: no database, no template (also the benchmark's bare view)."""
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A form came back without a valid CSRF token: an old page, the back button or
    blocked cookies. Django's ``reason`` is for developers and is not shown."""
    return render(request, "403_csrf.html", status=403)
