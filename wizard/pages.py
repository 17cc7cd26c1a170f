"""The wizard's other pages: the confirmation, people already helped, an expired
wizard, eID not offered."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from cpasonline.ratelimit import too_many_requests
from intake.models import AidRequest
from notifications.acknowledgement import acknowledgement_context
from notifications.pdf import acknowledgement_pdf, pdf_filename

from . import forms, idle
from .policies import SUBMITTED_KEY, commune_search_limited


def submitted_request(request) -> AidRequest | None:
    """The request this browser sent (the session keeps only its key)."""
    pk = request.session.get(SUBMITTED_KEY)
    if not pk:
        return None
    return AidRequest.objects.select_related("cpas", "commune").filter(pk=pk).first()


@method_decorator(never_cache, name="dispatch")
class ConfirmationView(TemplateView):
    """What matters first, then the acknowledgement's legal mentions
    (docs/acknowledgement.md, "In what order")."""

    template_name = "wizard/confirmation.html"

    def get(self, request, *args, **kwargs):
        self.aid_request = submitted_request(request)
        if self.aid_request is None:
            return redirect("home")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            aid_request=self.aid_request, **acknowledgement_context(self.aid_request), **kwargs
        )


@never_cache
def confirmation_pdf(request):
    """The proof of filing as a PDF, built now, in the request's language."""
    aid_request = submitted_request(request)
    if aid_request is None:
        return redirect("home")
    response = HttpResponse(acknowledgement_pdf(aid_request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(aid_request)}"'
    return response


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


@method_decorator(never_cache, name="dispatch")
class ExpiredView(TemplateView):
    """What happened and how to start again, after the idle window."""

    template_name = "wizard/expired.html"

    def get(self, request, *args, **kwargs):
        idle.idle_answers_drop(request.session)  # the time-out script came here at the end
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        minutes = round(settings.WIZARD_IDLE_TIMEOUT / timedelta(minutes=1))
        return super().get_context_data(minutes=minutes, **kwargs)


@never_cache
@require_POST
def extend(request):
    """The time-out warning's button: the answers are kept for another window. A script
    asks for JSON (the seconds now left, or null when they are gone, and how long before
    the end to warn); a plain form post goes back to the wizard's current page."""
    kept = idle.wizard_extend(request.session)
    if "application/json" in request.headers.get("Accept", ""):
        warning = settings.WIZARD_WARNING.total_seconds()
        return JsonResponse({"remaining": kept, "warning": warning})
    return redirect("wizard:start" if kept else "wizard:expired")


class EidUnavailableView(TemplateView):
    template_name = "wizard/eid_unavailable.html"
