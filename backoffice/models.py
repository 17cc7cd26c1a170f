from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Role


class StaffManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.SPPIS_ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A member of staff: of one CPAS, or of SPP-IS (who sees every CPAS)."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CASEWORKER)
    cpas = models.ForeignKey(
        "routing.Cpas",
        verbose_name=_("CPAS"),
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
    )

    objects = StaffManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def clean(self):
        super().clean()
        if self.role == Role.SPPIS_ADMIN and self.cpas_id:
            raise ValidationError({"cpas": _("An SPP-IS administrator has no CPAS.")})
        if self.role != Role.SPPIS_ADMIN and not self.cpas_id:
            raise ValidationError({"cpas": _("Choose the CPAS this person works for.")})
