"""Writes of the reference data that people keep: a CPAS's contact data."""

from datetime import datetime

from django.db import transaction

from .models import Cpas


def cpas_contact_update(*, cpas: Cpas, by, at: datetime, values: dict[str, str]) -> Cpas:
    """Save the CPAS's contact data as its manager or SPP-IS typed it, with who and when
    (docs/acknowledgement.md, "Who keeps the contact data")."""
    with transaction.atomic():
        cpas = Cpas.objects.select_for_update().get(pk=cpas.pk)
        for name, value in values.items():
            setattr(cpas, name, value or "")
        cpas.contact_updated_at = at
        cpas.contact_updated_by = by
        cpas.full_clean()
        cpas.save()
    return cpas
