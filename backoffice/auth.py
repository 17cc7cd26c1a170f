"""Helpers for staff authentication."""

from django.contrib.auth import get_user_model


def axes_username(request, credentials) -> str:
    """The username django-axes records for an attempt, cut to what a username can hold."""
    field = get_user_model().USERNAME_FIELD
    username = (credentials or {}).get(field) or request.POST.get(field, "")
    return str(username)[: get_user_model()._meta.get_field(field).max_length]
