"""A CPAS's contact data in the applicant's language (docs/acknowledgement.md, point 5).

Each value that exists in several languages (the address, the website) is shown in the
applicant's language; if the CPAS has none in it, in the languages of the CPAS's area
(French then Dutch in Brussels, German then French in the German-speaking area), then
in any language held (French, Dutch, German, English). ``language_order`` and
``in_language`` are pure; ``cpas_contact`` reads them from a CPAS.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import phonenumbers

LANGUAGES = ("fr", "nl", "de", "en")
# The languages of a CPAS's area, from its communes' language area (routing.constants).
AREA_LANGUAGES = {"fr": ("fr",), "nl": ("nl",), "de": ("de", "fr"), "fr+nl": ("fr", "nl")}


def language_order(language: str, area: str) -> tuple[str, ...]:
    """The languages to try, in order, for an applicant writing ``language``."""
    order = [language, *AREA_LANGUAGES.get(area, ()), *LANGUAGES]
    return tuple(dict.fromkeys(code for code in order if code in LANGUAGES))


@dataclass(frozen=True)
class InLanguage:
    value: str
    language: str  # the language the value is written in ("" when there is none)


def in_language(values: Mapping[str, str | None], order: tuple[str, ...]) -> InLanguage:
    """The first value held in ``order``'s languages; empty when none is held."""
    for code in order:
        value = (values.get(code) or "").strip()
        if value:
            return InLanguage(value, code)
    return InLanguage("", "")


def tel_uri(phone: str) -> str:
    """The ``tel:`` target of a phone number as people write it ("" if it is not one)."""
    try:
        number = phonenumbers.parse(phone, "BE")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@dataclass(frozen=True)
class CpasContact:
    """What the applicant reads of a CPAS: its name and the contact data it has."""

    name: InLanguage
    address: InLanguage
    phone: str  # as the CPAS writes it
    phone_tel: str  # for a tel: link
    email: str
    website: InLanguage

    @property
    def empty(self) -> bool:
        """No way to reach the CPAS is known: the pages then say where to ask."""
        return not (self.address.value or self.phone or self.email or self.website.value)


def translations(instance, field: str) -> dict[str, str]:
    """A translated field's value in each language (modeltranslation's columns)."""
    return {code: getattr(instance, f"{field}_{code}", "") or "" for code in LANGUAGES}


def cpas_contact(cpas, language: str, *, area: str | None = None) -> CpasContact:
    """The CPAS's contact data for an applicant writing ``language``; ``area`` is its
    communes' language area (read from them when not given)."""
    if area is None:
        area = cpas.communes.order_by("nis_code").values_list("language_area", flat=True).first()
    order = language_order(language, area or "fr")
    phone = (cpas.phone or "").strip()
    return CpasContact(
        name=in_language(translations(cpas, "name"), order),
        address=in_language(translations(cpas, "address"), order),
        phone=phone,
        phone_tel=tel_uri(phone) if phone else "",
        email=(cpas.email or "").strip(),
        website=in_language(translations(cpas, "website"), order),
    )
