"""The wizard's other pages: the confirmation, people already helped, an expired
wizard, eID not offered."""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from cpasonline.ratelimit import too_many_requests
from intake.models import AidRequest
from notifications.acknowledgement import acknowledgement_context

from . import forms
from .policies import SUBMITTED_KEY, commune_search_limited


@method_decorator(never_cache, name="dispatch")
class ConfirmationView(TemplateView):
    template_name = "wizard/confirmation.html"

    def get(self, request, *args, **kwargs):
        pk = request.session.get(SUBMITTED_KEY)
        self.aid_request = (
            AidRequest.objects.select_related("cpas").filter(pk=pk).first() if pk else None
        )
        if self.aid_request is None:
            return redirect("home")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            aid_request=self.aid_request, **acknowledgement_context(self.aid_request), **kwargs
        )


@method_decorator(never_cache, name="dispatch")
class AlreadyHelpedView(FormView):
    """For people a CPAS already helps: find their CPAS's contact data."""

    template_name = "wizard/already_helped.html"
    form_class = forms.FindCpasForm

    def post(self, request, *args, **kwargs):
        if commune_search_limited(request):
            return too_many_requests(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        return self.render_to_response(
            self.get_context_data(form=form, commune=form.cleaned_data["commune"])
        )


class ExpiredView(TemplateView):
    template_name = "wizard/expired.html"

    def get_context_data(self, **kwargs):
        minutes = int(settings.WIZARD_IDLE_TIMEOUT / timedelta(minutes=1))
        return super().get_context_data(minutes=minutes, **kwargs)


class EidUnavailableView(TemplateView):
    template_name = "wizard/eid_unavailable.html"
