from django.urls import path

from backoffice.constants import Role
from backoffice.gate import gated

from . import views

app_name = "integration"

# Behind the staff gate, for a CPAS's managers only (backoffice.gate).
urlpatterns = gated(
    [
        path("webhooks/", views.webhooks, name="webhooks"),
        path("webhooks/<int:pk>/deactivate/", views.deactivate, name="webhook_deactivate"),
        path("webhooks/<int:pk>/rotate/", views.rotate, name="webhook_rotate"),
        path("webhooks/resend/", views.resend, name="webhook_resend"),
    ],
    roles={Role.MANAGER},
)
