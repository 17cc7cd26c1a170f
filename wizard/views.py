"""The citizen's wizard, from "I need help" to the acknowledgement page.

Answers live in the session (in the database: a Redis outage must not lose them),
one question group per page (``steps``). Before each page the ``policies`` run; the
review page's rows are ``summary``; sending hands the answers (``answers``) to the
request core's ``aid_request_submit``. After sending, the session keeps only which
request this browser sent, so that a refresh, a double click or the back button shows
the same confirmation and never a second request.
"""

import uuid

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from formtools.wizard.views import NamedUrlSessionWizardView

from cpasonline import emergency
from eid import session as eid_session
from intake import identity, services
from intake.constants import IdentificationMethod
from routing.models import Commune
from routing.rules import institution_kinds, may_be_minor
from sandbox.services import SandboxLinkRefused

from . import idle
from .answers import designated_commune, submission
from .policies import POLICIES, SUBMITTED_KEY
from .sandbox import refused_page, sandbox_token, test_mode_end
from .steps import BRANCH_STEPS, CONDITIONS, STEP_TITLES, STEPS
from .summary import review_rows


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class RequestWizard(NamedUrlSessionWizardView):
    storage_name = "wizard.storage.ChangedOnlySessionStorage"
    form_list = STEPS
    condition_dict = CONDITIONS

    def get(self, request, *args, **kwargs):
        if kwargs.get("step") is None:
            request.session.pop(SUBMITTED_KEY, None)  # a new request starts here
            if test_mode_end(request):  # docs/sandbox.md: without the link, a real request
                self.storage.reset()
        return self._guarded(super().get, request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._guarded(super().post, request, *args, **kwargs)

    def _guarded(self, handler, request, *args, **kwargs):
        step = kwargs.get("step")
        for policy in POLICIES:
            response = policy(self, request, step)
            if response is not None:
                return response
        return handler(request, *args, **kwargs)

    def get_form_step_data(self, form):
        """Only the form's own fields are kept, never the rest of the POST
        (docs/data-protection.md, "Answers in the browser session")."""
        names = {form.add_prefix(name) for name in form.fields}
        return MultiValueDict({name: form.data.getlist(name) for name in names & set(form.data)})

    def get_template_names(self):
        step = self.steps.current
        if step in BRANCH_STEPS:
            return ["wizard/steps/branch.html"]
        return [f"wizard/steps/{step}.html", "wizard/wizard.html"]

    def known_domicile(self) -> Commune | None:
        """The domicile commune from the National Register (eID only)."""
        person = self.eid_person()
        if person and person.domicile_nis:
            return Commune.objects.filter(nis_code=person.domicile_nis).first()
        return None

    def eid_person(self):
        if self.identification_method() != IdentificationMethod.EID:
            return None
        return eid_session.get_person(self.request)

    def identification_method(self):
        data = self.storage.get_step_data("identification") or {}
        return data.get("identification-method")

    def applicant_may_be_minor(self) -> bool:
        """From the birth date given (docs/routing.md: places for young people, minors only)."""
        born = (self.get_cleaned_data_for_step("identity") or {}).get("birth_date")
        if born is None:
            return True  # not known here: the place for young people stays in the list
        return may_be_minor(
            year=born.year, month=born.month, day=born.day, today=timezone.localdate()
        )

    def get_form_kwargs(self, step=None):
        if step == "identity":
            person = self.eid_person()
            return {
                "method": self.identification_method(),
                "locked_number": person.national_number if person else "",
            }
        if step == "residence":
            return {"domicile": self.known_domicile()}
        return {}

    def get_form_initial(self, step):
        person = self.eid_person()
        if step == "identity" and person:
            born = person.birth_date
            return {
                "first_name": person.first_name,
                "last_name": person.last_name,
                "birth_day": born.day if born else None,
                "birth_month": born.month if born else None,
                "birth_year": born.year if born else None,
            }
        return super().get_form_initial(step)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        context.update(
            step_title=STEP_TITLES[step],
            returning_to_review=self.request.GET.get("return") == "review",
            timeout=idle.timeout_context(self.storage.data),
            previous_url=self.get_step_url(self.steps.prev) if self.steps.prev else reverse("home"),
        )
        if step == "place":
            context["places"] = institution_kinds(minor=self.applicant_may_be_minor())
        if step == "identification":
            context["eid_error"] = eid_session.pop_error(self.request)
        if step == "identity":
            person = self.eid_person()
            context["locked_number"] = (
                identity.format_number(person.national_number) if person else ""
            )
        if step in BRANCH_STEPS:
            question = form[form.question]
            context["question"] = question
            context["branches"] = [
                (choice, self._branch_fields(form, choice.data["value"])) for choice in question
            ]
        if step == "review":
            answers = self.cleaned()
            commune = designated_commune(answers, known_domicile=self.known_domicile())
            context["summary"] = {
                "rows": review_rows(answers, eid_person=self.eid_person(), form_for=self.get_form),
                "commune": commune,
            }
            if answers.get("needs", {}).get("urgent"):
                context["tonight"] = tonight_for(commune)
        return context

    @staticmethod
    def _branch_fields(form, branch):
        name = form.commune_on.get(branch)
        if name is None:
            return []
        return [form[n] for n in (name, f"{name}_pick") if n in form.fields]

    def render_next_step(self, form, **kwargs):
        step = self.steps.current
        if step == "eligibility" and form.cleaned_data["already_helped"]:
            return redirect("wizard:already_helped")
        if (
            step == "identification"
            and form.cleaned_data["method"] == IdentificationMethod.EID
            and eid_session.get_person(self.request) is None
        ):
            return redirect(eid_login_url(self.get_step_url("identity")))
        if self.request.POST.get("return") == "review":
            return self._back_to_review(step)
        return super().render_next_step(form, **kwargs)

    def _back_to_review(self, changed_step):
        """After a change, the next unanswered question (a new branch), or the review."""
        steps = list(self.get_form_list())
        for step in steps[steps.index(changed_step) + 1 :]:
            if step == "review":
                break
            if self.storage.get_step_data(step) is None:
                self.storage.current_step = step
                return redirect(self.get_step_url(step) + "?return=review")
        self.storage.current_step = "review"
        return redirect(self.get_step_url("review"))

    # --- review and sending ---------------------------------------------------------

    def cleaned(self):
        """Every answered step's cleaned data, by step."""
        return {
            step: self.get_cleaned_data_for_step(step) or {}
            for step in self.get_form_list()
            if step != "review"
        }

    def done(self, form_list, form_dict, **kwargs):
        answers = {step: form.cleaned_data for step, form in form_dict.items()}
        try:
            aid_request = services.aid_request_submit(
                submission_key=uuid.UUID(self.storage.extra_data["submission_key"]),
                submitted_at=timezone.now(),
                language=translation.get_language(),
                **submission(
                    answers, eid_person=self.eid_person(), known_domicile=self.known_domicile()
                ),
                sandbox_token=sandbox_token(self.request),
            )
        except services.SubmissionRefused:  # already helped (circular 3)
            return redirect("wizard:already_helped")
        except SandboxLinkRefused as refused:  # revoked or expired while answering
            test_mode_end(self.request)
            self.storage.reset()
            return refused_page(self.request, refused.reason)
        # The answers go (formtools resets its storage after this), and the eID login
        # with them: the session keeps only which request the confirmation shows.
        eid_session.forget(self.request)
        self.request.session[SUBMITTED_KEY] = aid_request.pk
        return redirect("wizard:confirmation")


def tonight_for(commune: Commune | None) -> list:
    """The emergency contacts for someone who said it is urgent, in the designated
    commune's region (the whole country's lines when it is not known yet)."""
    regions = (
        emergency.regions_of(region=commune.region, language_area=commune.language_area)
        if commune
        else frozenset({"be"})
    )
    return emergency.tonight(regions=regions, language=translation.get_language())


def eid_login_url(next_path: str) -> str:
    """Where the eID choice leads: the SAML login, or a page saying it is not offered."""
    if not settings.EID_ENABLED:
        return reverse("wizard:eid_unavailable")
    return eid_session.login_url(next_path)
