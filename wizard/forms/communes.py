"""Communes typed as text and resolved on the server (docs/routing.md).

A commune is typed (a name in any language, or a postal code); when several communes
match, the form asks the person to pick one in a list. That works without JavaScript.
"""

from django import forms
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from routing.models import Commune
from routing.search import normalise, search_communes

from .fields import StepForm


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
            candidates = search_communes(query) if query.strip() else []
            prefetch_related_objects(candidates, "postal_codes")
            self.candidates[name] = candidates
            if len(candidates) > 1 and not self._single_exact(query, candidates):
                self.fields[f"{name}_pick"] = forms.ChoiceField(
                    label=_("Several communes match. Which one is it?"),
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
            self.add_error(f"{name}_pick", _("Choose your commune in the list."))
        return None


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
    """A yes/no question, then a commune: which one depends on the answer."""

    question = "branch"
    commune_on = {}  # {True: field name, False: field name}; absent = no commune asked

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_commune_pick_fields()

    def clean(self):
        cleaned = super().clean()
        branch = cleaned.get(self.question)
        if branch is None:
            return cleaned
        for value, name in self.commune_on.items():
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
