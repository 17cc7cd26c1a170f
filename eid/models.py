from django.db import models
from django.utils.translation import gettext_lazy as _


class UsedAssertion(models.Model):
    """A SAML assertion already accepted: each is accepted once (replay protection).

    Rows are kept until the assertion would have expired anyway, then purged.
    """

    assertion_id = models.CharField(_("assertion ID"), max_length=256, unique=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("used SAML assertion")
        verbose_name_plural = _("used SAML assertions")

    def __str__(self):
        return self.assertion_id
