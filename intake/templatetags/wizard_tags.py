"""Form rendering helpers for the GOV.UK-style field markup."""

from django import template

register = template.Library()

CHOICE_LISTS = {"radioselect", "checkboxselectmultiple"}


@register.filter
def is_choice_list(field) -> bool:
    return field.widget_type in CHOICE_LISTS


@register.filter
def error_anchor(field) -> str:
    """The id the error summary links to: the field, or its first choice."""
    return f"{field.auto_id}_0" if is_choice_list(field) else field.auto_id


@register.filter
def description_ids(field) -> str:
    """The ids of the field's hint and error message, for aria-describedby."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def described_input(field):
    """The input, pointing at its hint and error message."""
    ids = description_ids(field)
    return field.as_widget(attrs={"aria-describedby": ids} if ids else None)


@register.filter
def choice_hint(form, value) -> str:
    return getattr(form, "choice_hints", {}).get(value, "")
