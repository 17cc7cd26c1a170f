"""How long the service keeps an applicant's data (docs/data-protection.md, "Retention").

The CPAS keeps its file in its own software: it takes the request from here (the API,
or by copying it), decides, and the applicant can appeal to the labour court within
three months of the decision's notification, or, when no decision came in time, of
the acknowledgement or the end of that time (art. 47 § 1 of the law of 26 May 2002,
art. 71 of the organic law of 8 July 1976, as summarised in docs/acknowledgement.md,
"The appeal"). The service keeps the request for the CPAS's follow-up and as long as that
appeal may still need it, then erases what identifies the person and keeps the rest,
which is statistics.

Pure rules: no ORM, no settings, no clock. The caller passes the instant and the
periods (the settings ``RETENTION_*``).
"""

from dataclasses import dataclass
from datetime import date, timedelta

# Erased: whatever identifies the applicant or tells their story.
PERSONAL_FIELDS = (
    "national_number_encrypted",
    "national_number_hash",
    "first_name",
    "last_name",
    "asserted_first_name",
    "asserted_last_name",
    "birth_date",
    "birth_month",
    "birth_day",
    "email",
    "phone",
    "contact_name",
    "contact_relation",
    "contact_email",
    "contact_phone",
    "routing_answers",
    "needs_text",
)
# Kept, as statistics: reference, submission key and instant, language, the year of
# birth (ages), how the person was identified (not who), the rule applied, the
# designated commune and CPAS, the CPAS handling it, the categories of help asked, the
# legal dates and the state; and beside the request its history codes, the register's
# line and the decisions.
EMPTY = {"birth_date": None, "birth_month": None, "birth_day": None, "routing_answers": {}}


@dataclass(frozen=True)
class RequestRetention:
    """Days after the decision on the merits (its date), and days after the reception
    when no decision was recorded here."""

    after_decision_days: int
    undecided_days: int

    def decided_before(self, today: date) -> date:
        """A decision taken before this date ends its request's retention."""
        return today - timedelta(days=self.after_decision_days)

    def received_before(self, today: date) -> date:
        """An undecided request received before this date has reached its end."""
        return today - timedelta(days=self.undecided_days)


def erased_values() -> dict:
    """The value each personal field takes once erased."""
    return {field: EMPTY.get(field, "") for field in PERSONAL_FIELDS}
