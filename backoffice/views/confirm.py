"""The confirmation step of the steps that cannot simply be taken back (register,
transfer, referral, decision, corrections): the form posts once, the page says what is
about to happen, and only a second post with ``confirm`` takes the step. No JavaScript:
the page carries the answers as hidden fields, and "Change" posts them back to the
form."""

from django.shortcuts import render

CONFIRM = "confirm"
CHANGE = "change"
_NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRM, CHANGE}


def confirmed(request) -> bool:
    return request.POST.get(CONFIRM) == "yes"


def wants_change(request) -> bool:
    return CHANGE in request.POST


def confirm_page(
    request,
    *,
    title: str,
    lines: list[str],
    action: str,
    button: str,
    warnings=(),
    back_url: str,
    details=(),
):
    """The page that asks "are you sure?": ``lines`` say what will happen, ``warnings``
    what is wrong with it (a late date), ``details`` (label, value) pairs."""
    carried = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _NOT_CARRIED
        for value in values
    ]
    return render(
        request,
        "backoffice/confirm.html",
        {
            "title": title,
            "lines": lines,
            "warnings": list(warnings),
            "details": list(details),
            "action": action,
            "button": button,
            "carried": carried,
            "back_url": back_url,
        },
    )
