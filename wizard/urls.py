from django.urls import path

from . import pages, sandbox, views

app_name = "wizard"

wizard = views.RequestWizard.as_view(url_name="wizard:step", done_step_name="send")

urlpatterns = [
    path("", wizard, name="start"),
    path("confirmation/", pages.ConfirmationView.as_view(), name="confirmation"),
    path("confirmation/proof.pdf", pages.confirmation_pdf, name="confirmation_pdf"),
    path("already-helped/", pages.AlreadyHelpedView.as_view(), name="already_helped"),
    path("expired/", pages.ExpiredView.as_view(), name="expired"),
    path("more-time/", pages.extend, name="extend"),
    path("eid-unavailable/", pages.EidUnavailableView.as_view(), name="eid_unavailable"),
    path("sandbox/<str:token>/", sandbox.sandbox_open, name="sandbox"),
    path("<slug:step>/", wizard, name="step"),
]
