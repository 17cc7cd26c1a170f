from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CpasNotificationSettings


class CpasNotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = CpasNotificationSettings
        fields = ["email", "alerts_enabled", "reminders_enabled"]
        error_messages = {
            "email": {
                "invalid": _(
                    "Type the notification address like social@cpas.example.be, or leave it "
                    "empty to use your CPAS's public email address."
                )
            }
        }
