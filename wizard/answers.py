"""The wizard's cleaned answers as the request core takes them (docs/routing.md)."""

from intake import services
from intake.constants import IdentificationMethod
from routing.models import Commune
from routing.rules import IncompleteAnswers, RoutingAnswers, designate

from .forms import YES, ContactForm
from .forms.place import NO_FIXED_PLACE


def _nis(commune: Commune | None) -> str | None:
    return commune.nis_code if commune else None


def routing_answers(answers: dict, *, known_domicile: Commune | None) -> RoutingAnswers:
    """The routing questions' answers; the National Register's domicile wins."""
    place = answers.get("place", {})
    admission = answers.get("admission", {})
    student = answers.get("student", {})
    student_domicile = answers.get("student_domicile", {})
    residence = answers.get("residence", {})
    situation = residence.get("lives_at_domicile")  # "yes", "no", "nofixed" or None
    domicile = (
        known_domicile
        or student_domicile.get("domicile_commune")
        or residence.get("domicile_commune")
    )
    return RoutingAnswers(
        in_institution=bool(place.get("in_institution")),
        registered_commune_at_admission=_nis(admission.get("registered_commune")),
        institution_commune=_nis(admission.get("institution_commune")),
        full_time_student=bool(student.get("full_time_student")),
        domicile_commune=_nis(domicile),
        lives_at_domicile=None if situation is None else situation == YES,
        current_commune=_nis(
            student_domicile.get("current_commune")
            or residence.get("current_commune")
            or residence.get("stay_commune")
        ),
        no_fixed_residence=situation == NO_FIXED_PLACE,
    )


def designated_commune(answers: dict, *, known_domicile: Commune | None) -> Commune | None:
    """The commune whose CPAS the answers designate so far, or None."""
    try:
        nis = designate(routing_answers(answers, known_domicile=known_domicile)).nis_code
    except IncompleteAnswers:
        return None
    return Commune.objects.select_related("cpas").filter(nis_code=nis).first()


def submission(answers: dict, *, eid_person, known_domicile: Commune | None) -> dict:
    """The keyword arguments of ``aid_request_submit`` that come from the answers."""
    person = answers["identity"]
    method = answers["identification"]["method"]
    national_number = asserted_first_name = asserted_last_name = ""
    if method == IdentificationMethod.TYPED:
        national_number = person["national_number"]
    elif eid_person:
        national_number = eid_person.national_number
        asserted_first_name, asserted_last_name = eid_person.first_name, eid_person.last_name
    contact = answers["contact"]
    needs = answers["needs"]
    return {
        "identity": services.Identity(
            method=method,
            first_name=person["first_name"],
            last_name=person["last_name"],
            birth_date=person["birth_date"],
            national_number=national_number,
            asserted_first_name=asserted_first_name,
            asserted_last_name=asserted_last_name,
        ),
        "contact": services.Contact(
            email=contact["email"],
            phone=contact["phone"],
            **{name: contact[name] for name in ContactForm.contact_fields},
        ),
        "routing": routing_answers(answers, known_domicile=known_domicile),
        "needs": services.Needs(
            categories=needs["categories"], text=needs["text"], urgent=bool(needs.get("urgent"))
        ),
        # Circular 3: only a person who said no CPAS helps them can send (the core checks).
        "confirms_not_helped": answers["eligibility"]["already_helped"] is False,
    }
