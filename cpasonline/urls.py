from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import path

from . import views

urlpatterns = [
    path("health/", views.health, name="health"),
    path("health/live/", views.liveness, name="liveness"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
)
