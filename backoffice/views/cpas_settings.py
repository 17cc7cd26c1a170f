"""A CPAS manager's notification settings (behind the staff gate, managers only)."""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from notifications.forms import CpasNotificationSettingsForm
from notifications.models import CpasNotificationSettings, NotificationSettingsChange
from notifications.services import notification_settings_update


def _shown(value: str) -> str:
    """A recorded value in words: "True" and "False" (a switch) as yes and no."""
    return {"True": _("Yes"), "False": _("No"), "": "–"}.get(value, value)


class CpasSettingsView(FormView):
    """A CPAS manager sets where and whether their CPAS is notified
    (docs/notifications.md); the gate lets managers of a CPAS only."""

    template_name = "backoffice/cpas_settings.html"
    form_class = CpasNotificationSettingsForm

    def get_preferences(self) -> CpasNotificationSettings:
        preferences, _created = CpasNotificationSettings.objects.select_related(
            "cpas"
        ).get_or_create(cpas=self.request.user.cpas)
        return preferences

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_preferences()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cpas"] = self.request.user.cpas
        changes = NotificationSettingsChange.objects.filter(
            cpas=self.request.user.cpas
        ).select_related("changed_by")[:20]
        for change in changes:
            change.before, change.after = _shown(change.old_value), _shown(change.new_value)
        context["changes"] = changes
        return context

    def form_valid(self, form):
        preferences = CpasNotificationSettings.objects.get(pk=form.instance.pk)
        notification_settings_update(
            preferences=preferences, by=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("The notification settings are saved."))
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("backoffice:cpas_settings")
