"""Days left to a legal deadline, in words and as a colour class (docs/legal-dates.md).

Lists show colour *and* text (WCAG 1.4.1): "3 days left", "today", "2 days late".
Pure: the caller passes today's date (Europe/Brussels).
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext, ngettext

SOON_DAYS = 2


@dataclass(frozen=True)
class Countdown:
    deadline: date
    days_left: int | None  # None once the step is done
    css_class: str
    text: str


def countdown(deadline: date, today: date, *, done: bool = False) -> Countdown:
    if done:
        return Countdown(deadline, None, "tag--neutral", gettext("done"))
    days = (deadline - today).days
    if days < 0:
        late = -days
        text = ngettext("%(count)d day late", "%(count)d days late", late) % {"count": late}
        return Countdown(deadline, days, "tag--late", text)
    if days == 0:
        return Countdown(deadline, 0, "tag--today", gettext("today"))
    text = ngettext("%(count)d day left", "%(count)d days left", days) % {"count": days}
    return Countdown(deadline, days, "tag--soon" if days <= SOON_DAYS else "tag--ok", text)
