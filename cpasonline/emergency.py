"""Where to find help tonight, and the applicant's technical helpdesk: the lines of
``cpasonline/data/emergency-contacts.csv`` (docs/emergency-contacts.md).

Only the file's lines are shown, each with its source; nothing is made up here.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

CSV = Path(__file__).resolve().parent / "data" / "emergency-contacts.csv"

# What each line is for, in words (docs/emergency-contacts.md, "purpose_key").
PURPOSES = {
    "emergency": _("Life in danger, fire, ambulance"),
    "police": _("Urgent police help"),
    "doctor_on_duty": _("A doctor on call, when your own doctor is away"),
    "shelter": _("A place to sleep tonight, help for people sleeping rough"),
    "listening": _("Someone to talk to, anonymous and free"),
    "suicide_prevention": _("Suicide prevention"),
    "missing_or_exploited_child": _("A missing or sexually exploited child"),
    "form_helpdesk": _("Technical help with the online form"),
}
HOURS = {
    "24/7": _("day and night, every day"),
    "Saturdays, Sundays and public holidays; weeknights in many regions": _(
        "Saturdays, Sundays and public holidays; weeknights in many regions"
    ),
    "Monday to Friday 08:00-17:00": _("Monday to Friday, 8:00 to 17:00"),
}
# Shown to someone who said it is urgent, in this order: the four needs of the
# urgency question (a place to sleep, food, urgent medicine, energy) have no number
# of their own beyond these; for food and energy the CPAS itself is the answer.
TONIGHT = ("emergency", "shelter", "doctor_on_duty", "listening")
CIRCULAR_SOURCE = _("SPP-IS circular of 28 May 2025 on CPAS Online, point 10")


@dataclass(frozen=True)
class Line:
    id: str
    number: str
    tel: str
    regions: frozenset[str]
    languages: frozenset[str]
    purpose_key: str
    hours_key: str
    email: str
    source_url: str
    seen_on: str

    @property
    def purpose(self) -> str:
        return str(PURPOSES[self.purpose_key])

    @property
    def hours(self) -> str:
        return str(HOURS.get(self.hours_key, self.hours_key))

    @property
    def source(self) -> str:
        """The source as a reader can look it up: a site's name, or the circular."""
        if self.source_url.startswith("urn:"):
            return str(CIRCULAR_SOURCE)
        return urlsplit(self.source_url).hostname.removeprefix("www.")

    @property
    def source_link(self) -> str:
        return "" if self.source_url.startswith("urn:") else self.source_url


@cache
def all_lines() -> tuple[Line, ...]:
    with CSV.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Line(
                id=row["id"],
                number=row["number"],
                tel=row["tel"],
                regions=frozenset(row["regions"].split()),
                languages=frozenset(row["languages"].split()),
                purpose_key=row["purpose_key"],
                hours_key=row["hours"],
                email=row["email"],
                source_url=row["source_url"],
                seen_on=row["seen_on"],
            )
            for row in csv.DictReader(handle)
        )


def helpdesk() -> Line:
    """The applicant's technical helpdesk (circular of 28 May 2025, point 10)."""
    return next(line for line in all_lines() if line.purpose_key == "form_helpdesk")


def regions_of(*, region: str, language_area: str) -> frozenset[str]:
    """The file's regions a commune belongs to: the country, its region, and East
    Belgium for the German language area."""
    regions = {"be", region}
    if language_area == "de":
        regions.add("east-belgium")
    return frozenset(regions)


def tonight(*, regions: frozenset[str], language: str) -> list[Line]:
    """The lines for someone in distress tonight, in ``regions``.

    For each purpose, the lines that answer in the person's language when the source
    says so; when none does, every line of that purpose in the region. The long form
    of a short number (for phones that cannot dial it) is kept beside it.
    """
    shown = []
    for purpose in TONIGHT:
        lines = [
            line for line in all_lines() if line.purpose_key == purpose and line.regions & regions
        ]
        spoken = [line for line in lines if language in line.languages]
        shown.extend(spoken or lines)
    return shown
