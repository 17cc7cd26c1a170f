from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from backoffice.api import api
from integration.api import router as integration_router
from integration.api_webhooks import router as webhooks_router

from . import views

# The change feed and the events' schemas (docs/integration.md), on the same API.
api.add_router("", integration_router)
api.add_router("", webhooks_router)  # the vendors' webhook subscriptions

urlpatterns = [
    path("health/", views.health, name="health"),
    path("health/live/", views.liveness, name="liveness"),
    path("admin/", admin.site.urls),
    # SAML endpoints have fixed addresses (registered with the identity provider);
    # the citizen's language travels in the local `next` path.
    path("saml/", include("eid.urls")),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("request/", include("wizard.urls")),
    path("backoffice/monitoring/", include("monitoring.urls")),
    path("backoffice/", include("backoffice.urls")),
    path("follow/", include("contact.urls")),
    path("backoffice/integration/", include("integration.urls")),
)
