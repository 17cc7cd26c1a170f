"""The routing questions, at most three (docs/routing.md): an institution, studies,
where the person lives."""

from django.utils.translation import gettext_lazy as _

from routing.models import Commune

from .communes import BranchForm, commune_field
from .fields import StepForm, yes_no_field


class PlaceForm(StepForm):
    in_institution = yes_no_field(
        _("Are you staying now in one of these places?"),
        required_message=_("Choose yes if you stay in one of these places, or no."),
    )


class AdmissionForm(BranchForm):
    commune_fields = ("registered_commune", "institution_commune")
    question = "registered"
    commune_on = {True: "registered_commune", False: "institution_commune"}

    registered = yes_no_field(
        _("When you arrived there, were you registered in a commune (your domicile)?"),
        yes=_("Yes, I was registered in a commune"),
        no=_("No, I was not registered anywhere"),
        required_message=_("Choose whether you were registered in a commune when you arrived."),
    )
    registered_commune = commune_field(_("In which commune were you registered?"))
    institution_commune = commune_field(_("In which commune is the place where you stay?"))


class StudentForm(StepForm):
    full_time_student = yes_no_field(
        _("Are you a full-time student?"),
        hint=_("In a secondary school, college or university, during the day."),
        required_message=_("Choose yes if you are a full-time student, or no."),
    )


class StudentDomicileForm(BranchForm):
    commune_fields = ("domicile_commune", "current_commune")
    question = "registered"
    commune_on = {True: "domicile_commune", False: "current_commune"}

    registered = yes_no_field(
        _("Are you registered in a commune (your domicile)?"),
        hint=_("Your domicile is the address on your identity card."),
        yes=_("Yes, I am registered in a commune"),
        no=_("No, I am not registered anywhere"),
        required_message=_("Choose whether you are registered in a commune."),
    )
    domicile_commune = commune_field(_("In which commune are you registered?"))
    current_commune = commune_field(_("In which commune do you live or stay now?"))


class ResidenceForm(BranchForm):
    commune_fields = ("domicile_commune", "current_commune")
    question = "lives_at_domicile"
    commune_on = {True: "domicile_commune", False: "current_commune"}

    lives_at_domicile = yes_no_field(
        _("Do you live at the address where you are registered (your domicile)?"),
        hint=_("Your domicile is the address on your identity card."),
        yes=_("Yes, I live there"),
        no=_("No, I live somewhere else, I have no address, or I sleep in the street"),
        required_message=_("Choose whether you live at the address where you are registered."),
    )
    domicile_commune = commune_field(_("In which commune is your domicile?"))
    current_commune = commune_field(_("In which commune do you live or stay now?"))

    def __init__(self, *args, domicile: Commune | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.domicile = domicile
        if domicile:  # known from the National Register: not asked again
            self.fields["lives_at_domicile"].label = _(
                "Do you live at your domicile in %(commune)s?"
            ) % {"commune": domicile.name}
            self.fields["lives_at_domicile"].help_text = ""
            del self.fields["domicile_commune"]
            self.commune_on = {False: "current_commune"}

    def clean(self):
        cleaned = super().clean()
        if self.domicile and cleaned.get(self.question):
            cleaned["domicile_commune"] = self.domicile
        return cleaned
