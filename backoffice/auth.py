"""Helpers for staff authentication: what django-axes records and logs, and the
permissions a role gives (``backoffice.roles``)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from cpasonline.keyed import keyed_digest

from .roles import GROUP_OF_ROLE


def axes_username(request, credentials) -> str:
    """The username django-axes records for an attempt, cut to what a username can hold."""
    field = get_user_model().USERNAME_FIELD
    username = (credentials or {}).get(field) or request.POST.get(field, "")
    return str(username)[: get_user_model()._meta.get_field(field).max_length]


def axes_client_str(username, ip_address, user_agent, path_info, request) -> str:
    """How django-axes names a client in its log lines: a keyed digest, never the
    username or the address (docs/data-protection.md); the same client gives the same
    digest, so lines can still be followed."""
    return "client " + keyed_digest("axes-client", f"{username}\0{ip_address}", length=12)


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
