import ipaddress
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class WebhookEndpointForm(forms.Form):
    url = forms.URLField(
        label=_("Address of your software's webhook receiver"),
        max_length=500,
        assume_scheme="https",
        error_messages={
            "required": _("Type the address, like https://software.example.be/webhooks."),
            "invalid": _("Type the address, like https://software.example.be/webhooks."),
        },
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        parts = urlsplit(url)
        allowed = parts.scheme == "https" or (
            parts.scheme == "http"
            and settings.WEBHOOK_ALLOW_LOOPBACK_HTTP
            and _loopback(parts.hostname or "")
        )
        if not allowed or parts.username or parts.password:
            raise forms.ValidationError(
                _("The address must start with https:// and hold no user name or password.")
            )
        return url
