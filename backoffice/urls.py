from django.urls import path

from . import auth_views, views

app_name = "backoffice"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("export.csv", views.export_csv, name="export"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/setup/", auth_views.otp_setup, name="otp_setup"),
    path("two-factor/verify/", auth_views.otp_verify, name="otp_verify"),
    path("requests/<str:reference>/", views.detail, name="detail"),
    path("requests/<str:reference>/register/", views.register, name="register"),
    path("requests/<str:reference>/competence/", views.competence, name="competence"),
    path("requests/<str:reference>/decision/", views.decision, name="decision"),
]
