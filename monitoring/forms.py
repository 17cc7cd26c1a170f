"""The period of a monitoring page (docs/monitoring.md, "Pages")."""

from datetime import date, timedelta

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from .figures import MONTH, WEEK

FIRST_DAY, LAST_DAY = date(2020, 1, 1), date(2099, 12, 31)
# Three years and a margin: the rollup keeps every day, a page stays quick.
LONGEST_DAYS = 3 * 366 + 31


def default_period(today: date) -> tuple[date, date]:
    """The last twelve months, the current one included."""
    month = today.month - 11
    year = today.year + (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1), today


def _date_field(label):
    # CPAS Online opened in 2025; a far date would only overflow the periods' arithmetic.
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)],
    )


class PeriodForm(forms.Form):
    start = _date_field(_("From"))
    end = _date_field(_("To"))
    unit = forms.ChoiceField(
        label=_("Per"), choices=[(MONTH, _("month")), (WEEK, _("week"))], initial=MONTH
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end of the period comes before its start."))
            if end - start > timedelta(days=LONGEST_DAYS):
                raise forms.ValidationError(_("Choose a period of three years at most."))
        return data


def period_from(query, today: date) -> tuple[PeriodForm, date, date, str]:
    """The form as filled, and the period it gives (the default when it is not valid)."""
    start, end = default_period(today)
    initial = {"start": start, "end": end, "unit": MONTH}
    if not any(key in query for key in ("start", "end", "unit")):
        return PeriodForm(initial=initial), start, end, MONTH
    form = PeriodForm(query)
    if form.is_valid():
        data = form.cleaned_data
        return form, data["start"], data["end"], data["unit"]
    return form, start, end, MONTH
