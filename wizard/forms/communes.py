"""Communes typed as text and resolved on the server (docs/routing.md).

A commune is typed (a name in any language, a former commune or section, or a postal
code); when several communes match, the form asks the person which one, as a question
and not as an error. That works without JavaScript.
"""

from django import forms
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from routing.models import Commune
from routing.search import find_communes, normalise

from .fields import NO, YES, StepForm

PICK_NEEDED = "pick_needed"


class CommuneLookupMixin:
    """Resolves commune fields typed as text, asking to pick when several match.

    For a field ``name``, the person types a name or a postal code in ``name``; when
    several communes match, the form grows a radio list ``name_pick``. The resolved
    ``Commune`` lands in ``cleaned_data[name]``.
    """

    commune_fields: tuple[str, ...] = ()

    def add_commune_pick_fields(self):
        self.candidates = {}
        for name in self.commune_fields:
            query = self.data.get(self.add_prefix(name), "") if self.is_bound else ""
            result = find_communes(query) if query.strip() else None
            candidates = result.communes if result else []
            prefetch_related_objects(candidates, "postal_codes")
            self.candidates[name] = candidates
            if len(candidates) > 1 and not self._single_exact(query, candidates):
                self.fields[f"{name}_pick"] = forms.ChoiceField(
                    label=_("Several communes match. Which one do you mean?"),
                    help_text=(
                        _("More communes match: type more letters or the postal code.")
                        if result.more
                        else ""
                    ),
                    choices=[(c.nis_code, commune_label(c)) for c in candidates],
                    widget=forms.RadioSelect,
                    required=False,
                    error_messages={"invalid_choice": _("Choose your commune in the list.")},
                )

    @staticmethod
    def _single_exact(query, candidates):
        key = f"|{normalise(query)}|"
        exact = [c for c in candidates if key in c.search_key]
        return exact[0] if len(exact) == 1 and not query.strip().isdigit() else None

    def resolve_commune(self, name) -> Commune | None:
        """The commune chosen in field ``name``, or None with an error on the form."""
        query = (self.data.get(self.add_prefix(name)) or "").strip()
        candidates = self.candidates.get(name, [])
        if not query:
            self.add_error(name, _("Type the name or the postal code of the commune."))
            return None
        if not candidates:
            self.add_error(
                name,
                _(
                    "We found no Belgian commune for “%(query)s”. Check the spelling, or type "
                    "the postal code."
                )
                % {"query": query[:50]},
            )
            return None
        if len(candidates) == 1:
            return candidates[0]
        exact = self._single_exact(query, candidates)
        if exact:
            return exact
        picked = self.cleaned_data.get(f"{name}_pick")
        for commune in candidates:
            if commune.nis_code == picked:
                return commune
        if f"{name}_pick" not in self.errors:
            # Not a mistake: the next question is which of these communes it is.
            self.add_error(
                f"{name}_pick",
                forms.ValidationError(_("Choose your commune in the list."), code=PICK_NEEDED),
            )
        return None

    @property
    def is_choosing(self) -> bool:
        """The only thing left is to choose among the matching communes: the page asks
        it as a question, with no error summary."""
        errors = self.errors.as_data() if self.is_bound else {}
        return bool(errors) and all(
            error.code == PICK_NEEDED for field_errors in errors.values() for error in field_errors
        )


def commune_label(commune: Commune) -> str:
    codes = ", ".join(sorted(p.code for p in commune.postal_codes.all()))
    return f"{commune.name} ({codes})" if codes else commune.name


def commune_field(label):
    return forms.CharField(
        label=label,
        help_text=_("Type the name of the commune or its postal code."),
        required=False,
        max_length=100,
    )


class BranchForm(CommuneLookupMixin, StepForm):
    """A question, then a commune: which one depends on the answer. Each commune field
    is shown under its answer (revealed when it is chosen, docs/routing.md)."""

    question = "branch"
    # {answer value ("yes", "no", …): commune field name}; absent = no commune asked.
    commune_on = {YES: None, NO: None}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_commune_pick_fields()

    def chosen(self) -> str | None:
        """The answer chosen, as its value ("yes", "no", …), once it is valid."""
        if self.question in self.errors:
            return None
        return self.data.get(self.add_prefix(self.question))

    def clean(self):
        cleaned = super().clean()
        branch = self.chosen()
        if branch is None or self.question not in cleaned:
            return cleaned
        for value, name in self.commune_on.items():
            if name:
                cleaned[name] = self.resolve_commune(name) if value == branch else None
        return cleaned


class FindCpasForm(CommuneLookupMixin, StepForm):
    """For people already helped: which CPAS is theirs."""

    commune_fields = ("commune",)
    commune = commune_field(_("In which commune do you live?"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_commune_pick_fields()

    def clean(self):
        cleaned = super().clean()
        cleaned["commune"] = self.resolve_commune("commune")
        return cleaned
