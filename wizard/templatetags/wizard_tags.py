"""Form rendering helpers for the GOV.UK-style field markup."""

from django import template
from django.utils.html import format_html, format_html_join

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


@register.filter
def choice_input(choice) -> str:
    """One radio button or checkbox, as ``choice.tag`` renders it, without going through
    the widget templates: a choice list is the wizard's most frequent markup, and its
    template rendering was a fifth of a step's time. A test compares both."""
    widget = choice.data
    attrs = format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in widget["attrs"].items()
            if value is not False
        ),
    )
    return format_html(
        '<input type="{}" name="{}" value="{}"{}>',
        widget["type"],
        widget["name"],
        widget["value"],
        attrs,
    )


# Each dialog as a format_html string: our template's (autoescaped) output, its braces
# doubled, with one "{}" where the seconds left go.
_TIMEOUT_DIALOGS: dict[tuple, str] = {}


@register.simple_tag
def timeout_dialog(timeout: dict) -> str:
    """The time-out warning's dialog (wizard/includes/timeout.html), rendered once per
    language and lead time in each process: only the seconds left change per page, put in
    by format_html as an integer (anything else is refused)."""
    from django.template.loader import render_to_string
    from django.utils.translation import get_language

    key = (get_language(), timeout["warning"])
    if key not in _TIMEOUT_DIALOGS:
        html = render_to_string(
            "wizard/includes/timeout.html", {"timeout": {**timeout, "remaining": "\0"}}
        )
        _TIMEOUT_DIALOGS[key] = html.replace("{", "{{").replace("}", "}}").replace("\0", "{}")
    return format_html(_TIMEOUT_DIALOGS[key], int(float(timeout["remaining"])))
