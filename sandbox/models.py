"""A CPAS's sandbox link (docs/sandbox.md): the only way to send a test request."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SandboxLink(models.Model):
    """One issued link of a CPAS's sandbox. Issuing a new one revokes the one before;
    the rows stay, so that an old link gives "revoked", not "unknown".

    The link's token is derived from ``nonce`` with the secret key
    (``sandbox.services.sandbox_link_token``): the manager's page can show it again, and
    a copy of the database alone gives no link."""

    cpas = models.ForeignKey(
        "routing.Cpas", verbose_name=_("CPAS"), on_delete=models.CASCADE, related_name="+"
    )
    nonce = models.CharField(max_length=32, editable=False)
    issued_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sandbox link")
        verbose_name_plural = _("sandbox links")
        constraints = [
            models.UniqueConstraint(
                fields=["cpas"],
                condition=models.Q(revoked_at__isnull=True),
                name="sandbox_one_open_link_per_cpas",
            )
        ]

    def __str__(self):
        return f"{self.cpas_id} {self.issued_at:%Y-%m-%d}"
