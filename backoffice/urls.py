from django.urls import path

from . import auth_views
from .constants import Role
from .gate import gated
from .views import cpas_contact, cpas_settings, detail, inbox

app_name = "backoffice"

# Outside the staff gate: how one gets through it.
auth_urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/setup/", auth_views.otp_setup, name="otp_setup"),
    path("two-factor/verify/", auth_views.otp_verify, name="otp_verify"),
]

# Every other page, behind the gate (backoffice.gate): add new pages here.
staff_urlpatterns = gated(
    [
        path("", inbox.inbox, name="inbox"),
        path("export.csv", inbox.export_csv, name="export"),
        path("requests/<str:reference>/", detail.detail, name="detail"),
        path("requests/<str:reference>/register/", detail.register, name="register"),
        path("requests/<str:reference>/competence/", detail.competence, name="competence"),
        path("requests/<str:reference>/decision/", detail.decision, name="decision"),
    ]
)
manager_urlpatterns = gated(
    [
        path(
            "notifications/",
            cpas_settings.CpasSettingsView.as_view(),
            name="cpas_settings",
        ),
        path("contact/", cpas_contact.CpasContactView.as_view(), name="cpas_contact"),
    ],
    roles={Role.MANAGER},
)

urlpatterns = auth_urlpatterns + staff_urlpatterns + manager_urlpatterns
