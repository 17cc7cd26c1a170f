from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.CpasSettingsView.as_view(), name="cpas_settings"),
]
