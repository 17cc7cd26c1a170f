"""Helpers for staff authentication: what django-axes records, and the permissions a
role gives (``backoffice.roles``)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from .roles import GROUP_OF_ROLE


def axes_username(request, credentials) -> str:
    """The username django-axes records for an attempt, cut to what a username can hold."""
    field = get_user_model().USERNAME_FIELD
    username = (credentials or {}).get(field) or request.POST.get(field, "")
    return str(username)[: get_user_model()._meta.get_field(field).max_length]


class StaffPermissionBackend(ModelBackend):
    """Django's backend, with permissions from the user's role only: the group of the
    role (``backoffice.roles``); no group membership, no permission granted one by one."""

    def _get_user_permissions(self, user_obj):
        return Permission.objects.none()

    def _get_group_permissions(self, user_obj):
        group = GROUP_OF_ROLE.get(getattr(user_obj, "role", None))
        if group is None:
            return Permission.objects.none()
        return Permission.objects.filter(group__name=group)
