"""The monitoring's daily rollup and its view log (docs/monitoring.md).

A rollup row counts, for one CPAS and one day, what the figures need: no request, no
person, only counts. The pages read these rows, never the requests."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The counted columns, in the order of the figures (docs/monitoring.md, "The figures").
COUNTS = (
    "received",
    "urgent",
    "id_eid",
    "id_typed",
    "id_none",
    "lang_fr",
    "lang_nl",
    "lang_de",
    "lang_en",
    "need_income",
    "need_housing",
    "need_energy",
    "need_medical",
    "need_debts",
    "need_food",
    "need_other",
    "read_count",
    "read_seconds",
    "unread_2d",
    "competence_due",
    "competence_on_time",
    "merits_due",
    "merits_on_time",
    "transfers",
    "late_notices",
    "linked",
    "reminders",
)


class DailyRollup(models.Model):
    """One CPAS, one day: the requests received that day (their R) and what became of
    them, and the reminders sent to the CPAS that day. Region, province and federation
    are copied from the CPAS's commune so that a page groups without a join."""

    cpas = models.ForeignKey("routing.Cpas", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    region = models.CharField(max_length=10)
    province = models.CharField(max_length=5, blank=True)
    federation = models.CharField(max_length=10)
    refreshed_at = models.DateTimeField()
    locals().update({name: models.BigIntegerField(default=0) for name in COUNTS})

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cpas", "day"], name="monitoring_rollup_once")
        ]
        indexes = [
            models.Index(fields=["day", "federation"], name="monitoring_rollup_day"),
        ]

    def __str__(self):
        return f"{self.cpas_id} {self.day}"


class PeriodRollup(models.Model):
    """The daily rows added up per CPAS and week (from Monday) or calendar month: what
    the pages read, a thirtieth of the rows for a month (``monitoring.rollup``)."""

    cpas = models.ForeignKey("routing.Cpas", on_delete=models.CASCADE, related_name="+")
    unit = models.CharField(max_length=5)  # "week" or "month"
    period = models.DateField()  # its first day
    region = models.CharField(max_length=10)
    province = models.CharField(max_length=5, blank=True)
    federation = models.CharField(max_length=10)
    locals().update({name: models.BigIntegerField(default=0) for name in COUNTS})

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "cpas"], name="monitoring_period_rollup_once"
            )
        ]
        indexes = [
            models.Index(fields=["unit", "federation", "period"], name="monitoring_period_fed"),
            models.Index(fields=["cpas", "unit", "period"], name="monitoring_period_cpas"),
        ]

    def __str__(self):
        return f"{self.cpas_id} {self.unit} {self.period}"


class MonitoringView(models.Model):
    """Who opened which monitoring page, for which area and period: no personal data
    (docs/monitoring.md, "Every view is logged")."""

    at = models.DateTimeField(_("at"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), on_delete=models.PROTECT
    )
    scope = models.CharField(_("area"), max_length=30)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    output = models.CharField(_("output"), max_length=20)

    class Meta:
        verbose_name = _("monitoring view")
        verbose_name_plural = _("monitoring views")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.scope} {self.output}"
