"""The routing questions, at most three (docs/routing.md): a place of art. 2 §1, studies,
where the person usually lives."""

from django import forms
from django.utils.translation import gettext_lazy as _

from routing.models import Commune

from .communes import BranchForm, commune_field
from .fields import NO, YES, StepForm, yes_no_field

NO_FIXED_PLACE = "nofixed"


class PlaceForm(StepForm):
    in_institution = yes_no_field(
        _("Do you live in one of these places?"),
        required_message=_("Choose yes if you live in one of these places, or no."),
    )


class AdmissionForm(BranchForm):
    """Art. 2 §1 and §3: the registration when the person entered the first of the
    places they went through without a break."""

    commune_fields = ("registered_commune", "institution_commune")
    question = "registered"
    commune_on = {YES: "registered_commune", NO: "institution_commune"}

    registered = yes_no_field(
        _("When you arrived there, were you registered in a commune (your domicile)?"),
        hint=_(
            "If you went from one of these places to another without a break, answer for "
            "the first place."
        ),
        yes=_("Yes, I was registered in a commune"),
        no=_("No, I was not registered anywhere"),
        required_message=_("Choose whether you were registered in a commune when you arrived."),
    )
    registered_commune = commune_field(_("In which commune were you registered then?"))
    institution_commune = commune_field(_("In which commune is the place where you live now?"))


class StudentForm(StepForm):
    full_time_student = yes_no_field(
        _("Do you go to school or study full time?"),
        hint=_("By day, at a school, college or university."),
        required_message=_("Choose yes if you are a full-time student, or no."),
    )


class StudentDomicileForm(BranchForm):
    """Art. 2 §6: the commune where the student is registered as their main residence
    in the population or foreigners' register."""

    commune_fields = ("domicile_commune", "current_commune")
    question = "registered"
    commune_on = {YES: "domicile_commune", NO: "current_commune"}

    registered = yes_no_field(
        _("Are you registered in a commune (your domicile)?"),
        hint=_(
            "Your domicile is the address on your identity card or residence card. A reference "
            "address (at a CPAS or at someone's home) does not count here."
        ),
        yes=_("Yes, I am registered in a commune"),
        no=_("No, or only at a reference address"),
        required_message=_("Choose whether you are registered in a commune."),
    )
    domicile_commune = commune_field(_("In which commune are you registered?"))
    current_commune = commune_field(_("In which commune do you mostly live?"))


class ResidenceForm(BranchForm):
    """Art. 1 (where the person usually lives) and art. 2 §7 (no fixed place to live:
    where they stay now)."""

    commune_fields = ("domicile_commune", "current_commune", "stay_commune")
    question = "lives_at_domicile"
    commune_on = {YES: "domicile_commune", NO: "current_commune", NO_FIXED_PLACE: "stay_commune"}

    lives_at_domicile = forms.ChoiceField(
        label=_("Do you mostly live at the address where you are registered (your domicile)?"),
        help_text=_("Your domicile is the address on your identity card."),
        choices=[
            (YES, _("Yes, I mostly live there")),
            (NO, _("No, I mostly live somewhere else")),
            (NO_FIXED_PLACE, _("I have no fixed place to live, or I sleep in the street")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you live at the address where you are registered."),
            "invalid_choice": _("Choose whether you live at the address where you are registered."),
        },
    )
    domicile_commune = commune_field(_("In which commune is your domicile?"))
    current_commune = commune_field(_("In which commune do you mostly live?"))
    stay_commune = commune_field(_("In which commune are you staying now?"))

    def __init__(self, *args, domicile: Commune | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.domicile = domicile
        if domicile:  # known from the National Register: not asked again
            self.fields["lives_at_domicile"].label = _(
                "Do you usually live at your domicile in %(commune)s?"
            ) % {"commune": domicile.name}
            self.fields["lives_at_domicile"].help_text = ""
            del self.fields["domicile_commune"]
            self.commune_on = {NO: "current_commune", NO_FIXED_PLACE: "stay_commune"}

    def clean(self):
        cleaned = super().clean()
        if self.domicile and cleaned.get(self.question) == YES:
            cleaned["domicile_commune"] = self.domicile
        return cleaned
