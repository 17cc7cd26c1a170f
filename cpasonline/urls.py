from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from backoffice.api import api

from . import views

urlpatterns = [
    path("health/", views.health, name="health"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("backoffice/", include("backoffice.urls")),
)
