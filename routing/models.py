from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import LanguageArea, Region

nis_code_validator = RegexValidator(r"^\d{5}$", _("A NIS code has five digits."))


class Cpas(models.Model):
    """A public social welfare centre (CPAS / OCMW / ÖSHZ).

    ``name``, ``address`` and ``website`` are translated (modeltranslation). The
    contact data comes from the CPAS's manager and SPP-IS, on the screens that show it
    as the applicant reads it, or from SPP-IS's file (``import_cpas_contacts``); no
    open source carries it (docs/sources.md).
    """

    code = models.CharField(
        _("code"),
        max_length=5,
        unique=True,
        validators=[nis_code_validator],
        help_text=_("NIS code of the commune whose CPAS this is."),
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("public email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_updated_at = models.DateTimeField(_("contact data changed at"), null=True, blank=True)
    contact_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact data changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("CPAS")
        verbose_name_plural = _("CPAS")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Commune(models.Model):
    """One of the 565 Belgian communes (since the mergers of 1 January 2025)."""

    nis_code = models.CharField(
        _("NIS code"), max_length=5, primary_key=True, validators=[nis_code_validator]
    )
    name = models.CharField(_("name"), max_length=100)
    region = models.CharField(_("region"), max_length=10, choices=Region.choices)
    language_area = models.CharField(_("language area"), max_length=5, choices=LanguageArea.choices)
    province_nis = models.CharField(_("province NIS code"), max_length=5, blank=True)
    cpas = models.ForeignKey(
        Cpas,
        verbose_name=_("CPAS serving this commune"),
        on_delete=models.PROTECT,
        related_name="communes",
    )
    # All names, normalised by routing.search.normalise, separated by "|".
    search_key = models.CharField(max_length=500, editable=False)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PostalCode(models.Model):
    """A postal code; a few (1040, 1050, 1804) cover more than one commune."""

    code = models.CharField(_("postal code"), max_length=4, unique=True)
    communes = models.ManyToManyField(
        Commune, verbose_name=_("communes"), related_name="postal_codes"
    )

    class Meta:
        verbose_name = _("postal code")
        verbose_name_plural = _("postal codes")
        ordering = ["code"]

    def __str__(self):
        return self.code


class Section(models.Model):
    """A former commune or a section that people still name ("Borsbeek", "Deurne"),
    with the commune in force since 2025 it belongs to (routing/data/sections-2025.csv).

    A name can belong to more than one commune (Deurne: Antwerpen and Diest)."""

    name = models.CharField(_("name"), max_length=100)
    language = models.CharField(_("language"), max_length=2)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="sections"
    )
    source = models.CharField(
        _("source"),
        max_length=40,
        help_text=_("Where the row comes from (routing/data/README.md)."),
    )
    # The name normalised by routing.search.normalise.
    search_key = models.CharField(max_length=100, editable=False, db_index=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "commune"], name="section_name_commune")
        ]

    def __str__(self):
        return self.name
