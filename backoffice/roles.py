"""What each role may do in the Django admin (docs/data-protection.md, "Who sees what").

SPP-IS administrators are not superusers: they hold the permissions of one group,
``SPPIS_GROUP``, declared here and written to the database after every ``migrate``
(``staff_roles_sync``). The role on the account is what gives them: the permission
backend (``backoffice.auth.StaffPermissionBackend``) reads the group of the user's role,
never group memberships or permissions granted one by one, so the role stays the one
switch. ``createsuperuser`` is for the technical operator only.

What the group allows: CPAS staff accounts (not SPP-IS ones, not superusers), the CPAS
notification settings and their history, the outbox's metadata, the register's lines,
the access log and the retention log, the software vendors' clients and the CPAS that
granted them access (docs/api.md). None of these shows an applicant's personal data
(circular of 28 May 2025, points 5 and 8.2: a request is accessible only to the
designated CPAS).
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from .constants import Role

SPPIS_GROUP = "SPP-IS administrators"

# (app label, codename): the whole list, nothing else.
SPPIS_PERMISSIONS = [
    ("backoffice", "add_user"),
    ("backoffice", "change_user"),
    ("backoffice", "view_user"),
    ("backoffice", "view_accesslogentry"),
    ("intake", "view_registerentry"),
    ("notifications", "view_cpasnotificationsettings"),
    ("notifications", "change_cpasnotificationsettings"),
    ("notifications", "view_notificationsettingschange"),
    ("notifications", "view_outgoingemail"),
    ("notifications", "change_outgoingemail"),  # "send again"; every field is read-only
    ("cpasonline", "view_retentionrun"),
    # The software vendors' clients and their secrets; who granted them access.
    ("vendors", "add_vendorclient"),
    ("vendors", "change_vendorclient"),
    ("vendors", "view_vendorclient"),
    ("vendors", "view_clientsecret"),
    ("vendors", "change_clientsecret"),  # "revoke"; no field changes
    ("vendors", "view_grant"),
]

GROUP_OF_ROLE = {Role.SPPIS_ADMIN: SPPIS_GROUP}


def _permissions(pairs) -> Q:
    query = Q(pk__in=[])
    for app_label, codename in pairs:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return query


def staff_roles_sync(**_signal_arguments) -> None:
    """Give the SPP-IS group exactly the declared permissions (run after ``migrate``)."""
    group, _created = Group.objects.get_or_create(name=SPPIS_GROUP)
    group.permissions.set(Permission.objects.filter(_permissions(SPPIS_PERMISSIONS)))
