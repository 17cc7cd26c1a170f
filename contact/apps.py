from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = _("First contact with the applicant")

    def ready(self):
        from intake import services
        from notifications.acknowledgement import status_link_provide

        from .events import on_request_event
        from .links import status_url_for

        services.subscribe(on_request_event)
        status_link_provide(status_url_for)
