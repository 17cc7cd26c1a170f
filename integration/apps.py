from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationConfig(AppConfig):
    name = "integration"
    verbose_name = _("Integration with the social software")

    def ready(self):
        from intake import services

        from .feed import on_request_event

        # Every history line becomes feed events in its own transaction (docs/integration.md).
        services.subscribe(on_request_event)
