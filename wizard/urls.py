from django.urls import path

from . import views

app_name = "wizard"

wizard = views.RequestWizard.as_view(url_name="wizard:step", done_step_name="send")

urlpatterns = [
    path("", wizard, name="start"),
    path("confirmation/", views.ConfirmationView.as_view(), name="confirmation"),
    path("already-helped/", views.AlreadyHelpedView.as_view(), name="already_helped"),
    path("expired/", views.ExpiredView.as_view(), name="expired"),
    path("eid-unavailable/", views.EidUnavailableView.as_view(), name="eid_unavailable"),
    path("<slug:step>/", wizard, name="step"),
]
