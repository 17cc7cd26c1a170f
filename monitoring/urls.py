from django.urls import path

from backoffice.constants import Role
from backoffice.gate import gated

from . import views

app_name = "monitoring"

# Behind the staff gate; which area each role reads is monitoring.scopes' rule.
urlpatterns = gated(
    [
        path("", views.home, name="home"),
        path("country/", views.page, name="country"),
        path("country/print/", views.print_report, name="country_print"),
        path("country/<str:table>.csv", views.export_csv, name="country_csv"),
        path("<str:kind>/<str:code>/", views.page, name="page"),
        path("<str:kind>/<str:code>/print/", views.print_report, name="print"),
        path("<str:kind>/<str:code>/<str:table>.csv", views.export_csv, name="csv"),
    ],
    roles={Role.MANAGER, Role.SPPIS_ADMIN, Role.FEDERATION},
)
