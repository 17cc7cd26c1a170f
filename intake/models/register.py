"""The CPAS's chronological register of requests (docs/register.md)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import CORRECTION_REASON_MAX_LENGTH, Channel

_USER = settings.AUTH_USER_MODEL
_REQUEST = "intake.AidRequest"
_CPAS = "routing.Cpas"


class RegisterCounter(models.Model):
    """The last number given in a CPAS's register for one year (locked to draw the next)."""

    cpas = models.ForeignKey(_CPAS, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cpas", "year"], name="register_counter_per_year")
        ]

    def __str__(self):
        return f"{self.cpas_id}/{self.year}: {self.last_number}"


class RegisterEntry(models.Model):
    """A line of the CPAS's chronological register of requests. Never renumbered nor
    deleted: a corrected line is marked, the history says what changed."""

    cpas = models.ForeignKey(_CPAS, verbose_name=_("CPAS"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("register number"))
    aid_request = models.ForeignKey(
        _REQUEST, on_delete=models.PROTECT, related_name="register_entries"
    )
    reception_date = models.DateField(_("reception date"))
    channel = models.CharField(
        _("channel"), max_length=12, choices=Channel.choices, default=Channel.ONLINE
    )
    registered_at = models.DateTimeField(_("registered at"))
    # Empty for an online request: CPAS Online enters it (art. 58 §1 al. 5).
    registered_by = models.ForeignKey(
        _USER, verbose_name=_("registered by"), on_delete=models.PROTECT, null=True, blank=True
    )
    late = models.BooleanField(_("entered after the day of reception"), default=False)
    transferred_from = models.ForeignKey(
        _CPAS,
        verbose_name=_("received by transfer from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signature_reference = models.CharField(
        _("signature"),
        max_length=100,
        blank=True,
        help_text=_("Where the signed paper is kept (art. 58 §1 al. 3 and 4)."),
    )
    # The number of the same request in the register the CPAS keeps in its own social
    # software, recorded through the API (docs/register.md, "The CPAS's own number").
    external_number = models.CharField(
        _("number in the CPAS's own register"), max_length=50, blank=True
    )
    external_number_at = models.DateTimeField(null=True, blank=True)
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True)
    correction_reason = models.CharField(
        _("reason of the correction"), max_length=CORRECTION_REASON_MAX_LENGTH, blank=True
    )

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["cpas", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cpas", "year", "number"], name="register_number_unique"
            ),
            models.UniqueConstraint(fields=["cpas", "aid_request"], name="register_once_per_cpas"),
            models.UniqueConstraint(
                fields=["cpas", "year", "external_number"],
                condition=~models.Q(external_number=""),
                name="register_external_number_unique",
            ),
        ]

    def __str__(self):
        return f"{self.number}/{self.year}"
