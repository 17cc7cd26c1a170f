"""The project's URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from cpasonline.urls import urlpatterns as project_urlpatterns


def broken(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("test/broken/", broken),
    path("test/forbidden/", forbidden),
    *project_urlpatterns,
]
