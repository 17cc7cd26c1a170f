"""The retention log: one line per kind of data each time the retention task runs
(docs/data-protection.md, "Retention")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionKind(models.TextChoices):
    DECIDED = "decided", _("Applicants' data in decided requests (erased)")
    UNDECIDED = "undecided", _("Applicants' data in requests never decided here (erased)")
    OUTBOX = "outbox", _("Outgoing emails (deleted)")
    ACCESS_LOG = "access_log", _("Access log lines (deleted)")
    LOGIN_RECORDS = "login_records", _("Login records (deleted)")
    INVITATIONS = "invitations", _("Second-factor invitations (deleted)")
    TEST_REQUESTS = "test_requests", _("Test requests of the sandbox (deleted)")
    APPLICANT_MESSAGES = "applicant_messages", _("Messages to the applicant (deleted)")
    WEBHOOKS = "webhooks", _("Webhook deliveries (deleted)")


class RetentionRun(models.Model):
    """When the data of one kind older than its period was erased or deleted, which
    period applied, from which instant, and how many rows."""

    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True)
    kind = models.CharField(_("data"), max_length=20, choices=RetentionKind.choices)
    period_days = models.PositiveIntegerField(_("period (days)"))
    cutoff = models.DateTimeField(_("older than"))
    count = models.PositiveIntegerField(_("rows"), default=0)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention log")
        ordering = ["-started_at", "kind"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.kind}: {self.count}"
