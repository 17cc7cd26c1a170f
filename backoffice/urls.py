from django.urls import path

from . import auth_views
from .constants import Role
from .gate import gated
from .views import (
    corrections,
    cpas_contact,
    cpas_settings,
    detail,
    first_contact,
    inbox,
    links,
    register,
    sandbox,
    staff,
    transfers,
    vendors,
)

app_name = "backoffice"

# Outside the staff gate: how one gets through it.
auth_urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/setup/", auth_views.otp_setup, name="otp_setup"),
    path("two-factor/verify/", auth_views.otp_verify, name="otp_verify"),
    path("invitation/<str:token>/", auth_views.invitation, name="invitation"),
]

# The landing page, for every role (a federation's shows the way to its figures).
home_urlpatterns = gated([path("", inbox.inbox, name="inbox")])
# Every other page, behind the gate (backoffice.gate): add new pages here. A federation
# reads the monitoring figures only (docs/monitoring.md).
staff_urlpatterns = gated(
    [
        path("export.csv", inbox.export_csv, name="export"),
        path("requests/<str:reference>/", detail.detail, name="detail"),
        path("requests/<str:reference>/competence/", detail.competence, name="competence"),
        path("requests/<str:reference>/decision/", detail.decision, name="decision"),
        path(
            "requests/<str:reference>/decision/correct/",
            corrections.correct_decision,
            name="correct_decision",
        ),
        path(
            "requests/<str:reference>/reception/correct/",
            corrections.correct_reception,
            name="correct_reception",
        ),
        path("requests/<str:reference>/match/", links.match, name="match"),
        path("requests/<str:reference>/trace/", transfers.trace, name="trace"),
        path(
            "requests/<str:reference>/appointment/",
            first_contact.propose,
            name="propose_appointment",
        ),
        path(
            "requests/<str:reference>/link/revoke/",
            first_contact.revoke_link,
            name="revoke_link",
        ),
        path("register/", register.register_page, name="register"),
        path("register/export.csv", register.register_csv, name="register_export"),
        path("register/new/", register.enter, name="enter"),
        path("transfers/", transfers.transfers, name="transfers"),
    ],
    roles={Role.CASEWORKER, Role.MANAGER, Role.SPPIS_ADMIN},
)
sppis_urlpatterns = gated(
    [path("conflicts/", transfers.conflicts, name="conflicts")],
    roles={Role.SPPIS_ADMIN},
)
manager_urlpatterns = gated(
    [
        path(
            "notifications/",
            cpas_settings.CpasSettingsView.as_view(),
            name="cpas_settings",
        ),
        path("staff/", staff.staff, name="staff"),
        path("staff/<int:pk>/invite/", staff.staff_invite, name="staff_invite"),
        path("staff/<int:pk>/activation/", staff.staff_activation, name="staff_activation"),
        path("contact/", cpas_contact.CpasContactView.as_view(), name="cpas_contact"),
        path("software/", vendors.vendors, name="vendors"),
        path("software/<int:pk>/revoke/", vendors.vendor_revoke, name="vendor_revoke"),
        path("sandbox/", sandbox.sandbox_page, name="sandbox"),
        path("documents/", first_contact.documents, name="contact_documents"),
    ],
    roles={Role.MANAGER},
)

urlpatterns = (
    auth_urlpatterns
    + home_urlpatterns
    + staff_urlpatterns
    + manager_urlpatterns
    + sppis_urlpatterns
)
