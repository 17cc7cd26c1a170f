from django import forms

from .models import CpasNotificationSettings


class CpasNotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = CpasNotificationSettings
        fields = ["email", "alerts_enabled", "reminders_enabled"]
