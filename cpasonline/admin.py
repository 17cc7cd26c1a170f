from django.contrib import admin

from .admin_mixins import NoEditingMixin
from .models import RetentionRun


@admin.register(RetentionRun)
class RetentionRunAdmin(NoEditingMixin, admin.ModelAdmin):
    """The retention log, read by SPP-IS (``backoffice.roles``), never edited."""

    list_display = ["started_at", "kind", "period_days", "cutoff", "count", "finished_at"]
    list_filter = ["kind"]
    date_hierarchy = "started_at"
