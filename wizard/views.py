"""The citizen's wizard, from "I need help" to the acknowledgement page.

Answers live in the session (in the database: a Redis outage must not lose them),
one question group per page. After sending, the session keeps only which request
this browser sent, so that a refresh, a double click or the back button shows the
same confirmation and never a second request.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView
from formtools.wizard.views import NamedUrlSessionWizardView

from cpasonline.ratelimit import is_limited, too_many_requests
from eid import session as eid_session
from intake import identity, services
from intake.constants import IdentificationMethod, Need
from intake.models import AidRequest
from notifications.acknowledgement import acknowledgement_context
from routing.models import Commune
from routing.rules import RoutingAnswers, designate

from . import forms

SUBMITTED_KEY = "intake_submitted"
# The idle clock is moved at most this often, so that a page view writes nothing.
SEEN_RESOLUTION = 60  # seconds
BRANCH_STEPS = {"admission", "student_domicile", "residence"}

STEPS = [
    ("eligibility", forms.EligibilityForm),
    ("identification", forms.IdentificationForm),
    ("identity", forms.IdentityForm),
    ("contact", forms.ContactForm),
    ("place", forms.PlaceForm),
    ("admission", forms.AdmissionForm),
    ("student", forms.StudentForm),
    ("student_domicile", forms.StudentDomicileForm),
    ("residence", forms.ResidenceForm),
    ("needs", forms.NeedsForm),
    ("review", forms.ReviewForm),
]

STEP_TITLES = {
    "eligibility": _("Is a CPAS already helping you?"),
    "identification": _("How do you want to say who you are?"),
    "identity": _("Who are you?"),
    "contact": _("How can the CPAS reach you?"),
    "place": _("Where do you stay now?"),
    "admission": _("Where were you registered?"),
    "student": _("Are you a student?"),
    "student_domicile": _("Where are you registered?"),
    "residence": _("Where do you live?"),
    "needs": _("What help do you need?"),
    "review": _("Check your answers and send your request"),
}


def _answer(wizard, step, field):
    data = wizard.storage.get_step_data(step) or {}
    return forms.answer(data.get(f"{step}-{field}"))


def _in_institution(wizard):
    return _answer(wizard, "place", "in_institution") is True


def _student_domicile_asked(wizard):
    """Asked of students, unless the National Register gave their domicile."""
    return (
        not _in_institution(wizard)
        and _answer(wizard, "student", "full_time_student") is True
        and wizard.known_domicile() is None
    )


def _residence_asked(wizard):
    """Q3, for everyone but people in an institution and students (who had theirs)."""
    return (
        not _in_institution(wizard) and _answer(wizard, "student", "full_time_student") is not True
    )


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class RequestWizard(NamedUrlSessionWizardView):
    storage_name = "wizard.storage.ChangedOnlySessionStorage"
    form_list = STEPS
    condition_dict = {
        "admission": _in_institution,
        "student": lambda wizard: not _in_institution(wizard),
        "student_domicile": _student_domicile_asked,
        "residence": _residence_asked,
    }

    # --- the session: idle timeout, and what happens after sending -----------------

    def get(self, request, *args, **kwargs):
        step = kwargs.get("step")
        if step is None:
            request.session.pop(SUBMITTED_KEY, None)  # a new request starts here
        return self._guarded(super().get, request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._guarded(super().post, request, *args, **kwargs)

    def _guarded(self, handler, request, *args, **kwargs):
        step = kwargs.get("step")
        sent = not self.storage.data["step_data"] and request.session.get(SUBMITTED_KEY)
        if sent and (request.method == "POST" or step not in (None, self.steps.first)):
            return redirect("wizard:confirmation")
        now = timezone.now().timestamp()
        seen = self.storage.extra_data.get("seen")
        if seen and now - seen > settings.WIZARD_IDLE_TIMEOUT.total_seconds():
            self.storage.reset()
            return redirect("wizard:expired")
        if not seen or now - seen >= SEEN_RESOLUTION:
            self.storage.extra_data["seen"] = now
        if step == self.done_step_name and is_limited(
            request, group="intake.send", rate=settings.SUBMISSION_RATE
        ):  # answers are kept: the person can send again later
            return too_many_requests(request)
        if (
            step == "identity"
            and self.identification_method() == IdentificationMethod.EID
            and eid_session.get_person(request) is None
        ):  # the eID login failed, was cancelled or has expired
            self.storage.current_step = "identification"
            return redirect(self.get_step_url("identification"))
        self.storage.extra_data.setdefault("submission_key", str(uuid.uuid4()))
        return handler(request, *args, **kwargs)

    # --- steps ----------------------------------------------------------------------

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
            previous_url=self.get_step_url(self.steps.prev) if self.steps.prev else None,
        )
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
                (choice, self._branch_fields(form, forms.answer(choice.data["value"])))
                for choice in question
            ]
        if step == "review":
            context["summary"] = self.summary()
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

    def routing_answers(self, answers) -> RoutingAnswers:
        place = answers.get("place", {})
        admission = answers.get("admission", {})
        student = answers.get("student", {})
        student_domicile = answers.get("student_domicile", {})
        residence = answers.get("residence", {})
        known = self.known_domicile()
        domicile = (
            known or student_domicile.get("domicile_commune") or residence.get("domicile_commune")
        )
        lives_at_domicile = residence.get("lives_at_domicile")
        return RoutingAnswers(
            in_institution=bool(place.get("in_institution")),
            registered_commune_at_admission=_nis(admission.get("registered_commune")),
            institution_commune=_nis(admission.get("institution_commune")),
            full_time_student=bool(student.get("full_time_student")),
            domicile_commune=_nis(domicile),
            lives_at_domicile=lives_at_domicile,
            current_commune=_nis(
                student_domicile.get("current_commune") or residence.get("current_commune")
            ),
        )

    def summary(self):
        """The rows of the review page: (question, answer, step to change it)."""
        answers = self.cleaned()
        rows = []

        def row(step, label, value):
            if step in answers and value not in (None, ""):
                rows.append({"step": step, "label": label, "value": value})

        yes_no = {True: _("Yes"), False: _("No")}
        contact = answers.get("contact", {})
        person = answers.get("identity", {})
        method = answers.get("identification", {}).get("method")
        row(
            "eligibility",
            STEP_TITLES["eligibility"],
            yes_no.get(answers.get("eligibility", {}).get("already_helped")),
        )
        if method:
            row("identification", _("Identified by"), IdentificationMethod(method).label)
        eid = self.eid_person()
        number = person.get("national_number") or (eid.national_number if eid else "")
        if number:
            row("identity", _("National number"), identity.format_number(number))
        if person:
            row("identity", _("Name"), f"{person['first_name']} {person['last_name']}")
            if person.get("birth_date"):
                row("identity", _("Date of birth"), date_format(person["birth_date"], "j F Y"))
        row("contact", _("Email address"), contact.get("email"))
        row("contact", _("Phone number"), contact.get("phone"))
        contact_person = ", ".join(
            contact[n] for n in forms.ContactForm.contact_fields if contact.get(n)
        )
        row("contact", _("Contact person"), contact_person)
        for step in ("place", "admission", "student", "student_domicile", "residence"):
            for label, value in self.routing_rows(step, answers.get(step)):
                row(step, label, value)
        needs = answers.get("needs", {})
        row(
            "needs",
            _("Help asked for"),
            ", ".join(str(Need(n).label) for n in needs.get("categories", [])),
        )
        row("needs", _("In your own words"), needs.get("text"))
        designation = self.designated_commune(answers)
        return {"rows": rows, "commune": designation}

    def routing_rows(self, step, answers):
        if not answers:
            return []
        form = self.get_form(step)
        rows = []
        for name, value in answers.items():
            if name.endswith("_pick") or value is None or name not in form.fields:
                continue
            if isinstance(value, bool):
                value = dict(form.fields[name].choices)[forms.YES if value else forms.NO]
            rows.append((form.fields[name].label, str(value)))
        return rows

    def designated_commune(self, answers):
        try:
            nis = designate(self.routing_answers(answers)).nis_code
        except ValueError:
            return None
        return Commune.objects.select_related("cpas").filter(nis_code=nis).first()

    def done(self, form_list, form_dict, **kwargs):
        answers = {step: form.cleaned_data for step, form in form_dict.items()}
        person = answers["identity"]
        eid = self.eid_person()
        method = answers["identification"]["method"]
        national_number = ""
        if method == IdentificationMethod.TYPED:
            national_number = person["national_number"]
        elif eid:
            national_number = eid.national_number
        contact = answers["contact"]
        needs = answers["needs"]
        aid_request = services.aid_request_submit(
            submission_key=uuid.UUID(self.storage.extra_data["submission_key"]),
            submitted_at=timezone.now(),
            language=translation.get_language(),
            identity=services.Identity(
                method=method,
                first_name=person["first_name"],
                last_name=person["last_name"],
                birth_date=person["birth_date"],
                national_number=national_number,
            ),
            contact=services.Contact(
                email=contact["email"],
                phone=contact["phone"],
                **{name: contact[name] for name in forms.ContactForm.contact_fields},
            ),
            routing=self.routing_answers(answers),
            needs=services.Needs(categories=needs["categories"], text=needs["text"]),
        )
        self.request.session[SUBMITTED_KEY] = aid_request.pk
        return redirect("wizard:confirmation")


def _nis(commune: Commune | None) -> str | None:
    return commune.nis_code if commune else None


def eid_login_url(next_path: str) -> str:
    """Where the eID choice leads: the SAML login, or a page saying it is not offered."""
    if not settings.EID_ENABLED:
        return reverse("wizard:eid_unavailable")
    return eid_session.login_url(next_path)


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
