from django.urls import path

from . import views

app_name = "eid"

urlpatterns = [
    path("metadata/", views.metadata, name="metadata"),
    path("login/", views.login, name="login"),
    path("acs/", views.acs, name="acs"),
    path("logout/", views.logout, name="logout"),
    path("test-idp/", views.test_idp, name="test_idp"),
]
