"""A CPAS manager keeps the CPAS's contact data, on a page that shows it as the
applicant will read it in each language (docs/acknowledgement.md, "Who keeps the
contact data"); managers only, behind the staff gate."""

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView

from notifications.contact_preview import contact_previews
from notifications.outbox import notification_settings_for
from routing.forms import CpasContactForm
from routing.services import cpas_contact_update


class CpasContactView(FormView):
    template_name = "backoffice/cpas_contact.html"
    form_class = CpasContactForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.request.user.cpas}

    def get_context_data(self, **kwargs):
        cpas = self.request.user.cpas
        cpas.refresh_from_db()
        return super().get_context_data(
            cpas=cpas,
            previews=contact_previews(cpas),
            notification_address=notification_settings_for(cpas).address,
            **kwargs,
        )

    def form_valid(self, form):
        cpas_contact_update(
            cpas=self.request.user.cpas,
            by=self.request.user,
            at=timezone.now(),
            values=form.cleaned_data,
        )
        messages.success(self.request, _("The contact data are saved."))
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("backoffice:cpas_contact")
