from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    default = True
    name = "backoffice"
    verbose_name = _("Back-office")

    def ready(self):
        from .roles import staff_roles_sync

        # After every migrate: the SPP-IS group holds exactly the declared permissions.
        post_migrate.connect(staff_roles_sync, dispatch_uid="backoffice.staff_roles_sync")


class StaffAdminConfig(admin_apps.AdminConfig):
    """The Django admin, behind the staff gate (backoffice.gate)."""

    default = False  # named in INSTALLED_APPS instead of django.contrib.admin
    default_site = "backoffice.gate.StaffAdminSite"
