"""What every page shows about the service itself, also on error pages rendered
without a request (docs/emergency-contacts.md)."""

from django import template

from cpasonline import emergency

register = template.Library()


@register.simple_tag
def applicant_helpdesk() -> emergency.Line:
    """The applicant's technical helpdesk (circular of 28 May 2025, point 10)."""
    return emergency.helpdesk()


@register.filter
def one_line(text: str) -> str:
    """An address on one line, its lines joined by commas (the text email)."""
    return ", ".join(line.strip() for line in str(text).splitlines() if line.strip())
