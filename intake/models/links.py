"""Links between requests of the same person (circular 9.2; docs/linked-requests.md).

A link is recorded when it is made — when the later request reaches a CPAS that holds
the earlier one — and is not recomputed afterwards: a second request filed before a
decision on the first stays linked after that decision.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import LinkKind, LinkStatus

_REQUEST = "intake.AidRequest"


class RequestLink(models.Model):
    later = models.ForeignKey(_REQUEST, on_delete=models.CASCADE, related_name="links_to_earlier")
    earlier = models.ForeignKey(_REQUEST, on_delete=models.CASCADE, related_name="links_to_later")
    cpas = models.ForeignKey(
        "routing.Cpas", verbose_name=_("CPAS"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("why"), max_length=12, choices=LinkKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=LinkStatus.choices)
    # 9.2.2: the earlier request was already decided when the later one came in.
    earlier_decided_on = models.DateField(_("earlier request decided on"), null=True, blank=True)
    created_at = models.DateTimeField(_("linked at"))
    decided_at = models.DateTimeField(_("confirmed or dismissed at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed or dismissed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("link between requests")
        verbose_name_plural = _("links between requests")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["later", "earlier"], name="request_link_once")
        ]

    def __str__(self):
        return f"{self.later_id} → {self.earlier_id}"
