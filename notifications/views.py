from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from backoffice.constants import Role

from .forms import CpasNotificationSettingsForm
from .models import CpasNotificationSettings, NotificationSettingsChange
from .services import notification_settings_update


class CpasSettingsView(LoginRequiredMixin, FormView):
    """A CPAS manager sets where and whether their CPAS is notified (DESIGN §7)."""

    template_name = "notifications/cpas_settings.html"
    form_class = CpasNotificationSettingsForm

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (user.role == Role.MANAGER and user.cpas_id):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

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
        context["changes"] = NotificationSettingsChange.objects.filter(
            cpas=self.request.user.cpas
        ).select_related("changed_by")[:20]
        return context

    def form_valid(self, form):
        preferences = CpasNotificationSettings.objects.get(pk=form.instance.pk)
        notification_settings_update(
            preferences=preferences, by=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("The notification settings are saved."))
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("notifications:cpas_settings")
