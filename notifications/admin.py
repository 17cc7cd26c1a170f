from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from cpasonline.admin_mixins import NoEditingMixin
from routing.models import Cpas

from .constants import STAFF_KINDS, DeliveryState, EmailKind
from .emails import render_email
from .models import CpasNotificationSettings, NotificationSettingsChange, OutgoingEmail
from .outbox import outgoing_email_resend
from .selectors import interrupted, late_acknowledgements, late_acknowledgements_health
from .services import record_settings_changes

COMMUNE_SEARCH = [
    "cpas__code",
    "cpas__name_fr",
    "cpas__name_nl",
    "cpas__name_de",
    "cpas__name_en",
    "cpas__communes__nis_code",
    "cpas__communes__name_fr",
    "cpas__communes__name_nl",
    "cpas__communes__name_de",
    "cpas__communes__name_en",
]


def sees_personal_data(user) -> bool:
    """Nobody, in the admin: an acknowledgement's recipient and text are the applicant's
    data, accessible only to the designated CPAS (docs/data-protection.md)."""
    return False


class AttentionFilter(admin.SimpleListFilter):
    """What an admin must look at (docs/notifications.md, "What admins see")."""

    title = _("problem")
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [
            ("late", _("Late acknowledgements")),
            ("maybe_sent", _("Interrupted attempts (maybe sent)")),
            ("retrying", _("Failed, to be tried again")),
            ("expired", _("Expired (given up)")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "late":
                return queryset.filter(pk__in=late_acknowledgements(now=now).values("pk"))
            case "maybe_sent":
                return queryset.filter(
                    Q(pk__in=interrupted(now=now).values("pk")) | Q(maybe_sent_at__isnull=False)
                )
            case "retrying":
                return queryset.filter(state=DeliveryState.PENDING, attempts__gt=0)
            case "expired":
                return queryset.filter(state=DeliveryState.EXPIRED)
        return queryset


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = [
        *("pk", "kind", "cpas", "state", "attempts", "last_error"),
        *("created_at", "next_attempt_at", "sent_at"),
    ]
    list_filter = [AttentionFilter, "state", "kind", "created_at"]
    search_fields = ["cpas__code", "cpas__name", "aid_request__reference"]
    list_select_related = ["cpas"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    METADATA = [
        *("kind", "cpas", "language", "state", "attempts", "last_error"),
        *("created_at", "queued_at", "claimed_at", "next_attempt_at", "maybe_sent_at"),
        *("expires_at", "sent_at", "message_id", "resends", "idempotency_key"),
    ]

    def get_fields(self, request, obj=None):
        if sees_personal_data(request.user):
            return [*self.METADATA, "to", "aid_request", "preview"]
        if obj is not None and obj.kind in STAFF_KINDS:
            return [*self.METADATA, "to"]  # not the text: an invitation's is its link
        if obj is not None and obj.kind != EmailKind.ACKNOWLEDGEMENT:
            return [*self.METADATA, "to", "preview"]
        return self.METADATA

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # An operator's alert: real requests only, as /health/ (the sandbox's rows apart).
        late = late_acknowledgements_health(now=timezone.now(), test=False)["count"]
        if late and request.method == "GET":
            self.message_user(
                request,
                ngettext(
                    "%(count)d acknowledgement is not sent %(minutes)d minutes after its "
                    "request: see “Late acknowledgements”.",
                    "%(count)d acknowledgements are not sent %(minutes)d minutes after "
                    "their request: see “Late acknowledgements”.",
                    late,
                )
                % {"count": late, "minutes": settings.NOTIFICATIONS_LATE_AFTER_MINUTES},
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("message"))
    def preview(self, obj):
        rendered = render_email(obj)
        return format_html("<strong>{}</strong><pre>{}</pre>", rendered.subject, rendered.text)

    @admin.action(description=_("Send again now"), permissions=["change"])
    def send_again(self, request, queryset):
        queued = outgoing_email_resend(pks=list(queryset.values_list("pk", flat=True)))
        for row in OutgoingEmail.objects.filter(pk__in=queued):
            self.log_change(request, row, gettext("Sent again"))
        count = len(queued)
        self.message_user(
            request,
            ngettext(
                "%(count)d email queued to be sent again.",
                "%(count)d emails queued to be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(CpasNotificationSettings)
class CpasNotificationSettingsAdmin(admin.ModelAdmin):
    list_display = ["cpas", "cpas_code", "sent_to", "alerts_enabled", "reminders_enabled"]
    list_filter = ["alerts_enabled", "reminders_enabled"]
    search_fields = COMMUNE_SEARCH
    list_select_related = ["cpas"]
    fields = ["cpas", "email", "public_address", "alerts_enabled", "reminders_enabled"]

    def get_readonly_fields(self, request, obj=None):
        return ["cpas", "public_address"] if obj else ["public_address"]

    def has_add_permission(self, request):
        return False  # every CPAS has its row (changelist_view makes the missing ones)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(
        description=_("CPAS's public email address (used when the field above is empty)")
    )
    def public_address(self, obj):
        return obj.cpas.email or "–"

    @admin.display(description=_("notifications sent to"))
    def sent_to(self, obj):
        return obj.address or "–"

    @admin.display(description=_("code"), ordering="cpas__code")
    def cpas_code(self, obj):
        return obj.cpas.code

    def get_search_results(self, request, queryset, search_term):
        queryset, _duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False

    def changelist_view(self, request, extra_context=None):
        # Every CPAS has its row, so that admins find it by searching.
        missing = Cpas.objects.filter(notification_settings__isnull=True)
        CpasNotificationSettings.objects.bulk_create(
            [CpasNotificationSettings(cpas=cpas) for cpas in missing], ignore_conflicts=True
        )
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        before = CpasNotificationSettings.objects.filter(pk=obj.pk).first() if obj.pk else None
        super().save_model(request, obj, form, change)
        record_settings_changes(before=before, after=obj, by=request.user)


@admin.register(NotificationSettingsChange)
class NotificationSettingsChangeAdmin(NoEditingMixin, admin.ModelAdmin):
    list_display = ["changed_at", "cpas", "setting", "old_value", "new_value", "changed_by"]
    list_filter = ["field", "changed_at"]
    search_fields = [*COMMUNE_SEARCH, "changed_by__username"]
    list_select_related = ["cpas", "changed_by"]


# SPP-IS's CPAS screen and report (imported for its admin.register).
from . import admin_cpas  # noqa: E402, F401
