"""SPP-IS's screen for every CPAS's contact data, and the report of the CPAS that lack
contact data or a notification address (docs/acknowledgement.md, "Who keeps the
contact data"; docs/notifications.md, "No address, no alert")."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from routing.forms import CONTACT_FIELDS, CpasContactForm
from routing.models import Cpas
from routing.services import cpas_contact_update

from .contact_preview import contact_previews
from .models import CpasNotificationSettings
from .selectors import without_contact_data, without_notification_address


def is_sppis(user) -> bool:
    return user.is_active and (user.is_superuser or getattr(user, "is_sppis_admin", False))


class MissingFilter(admin.SimpleListFilter):
    """The report: what a CPAS still lacks."""

    title = _("missing")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [
            ("contact", _("No contact data (address, phone, email, website)")),
            ("notification", _("No notification address (no alert is sent)")),
            ("either", _("Either")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "contact":
                return queryset.filter(pk__in=without_contact_data().values("pk"))
            case "notification":
                return queryset.filter(pk__in=without_notification_address().values("pk"))
            case "either":
                return queryset.filter(
                    Q(pk__in=without_contact_data().values("pk"))
                    | Q(pk__in=without_notification_address().values("pk"))
                )
        return queryset


@admin.register(Cpas)
class CpasAdmin(admin.ModelAdmin):
    form = CpasContactForm
    list_display = ["name", "code", "phone", "email", "has_notification_address", "updated"]
    list_filter = [MissingFilter]
    search_fields = ["code", "name_fr", "name_nl", "name_de", "communes__name_fr"]
    readonly_fields = ["code", "name", "preview", "contact_updated_at", "contact_updated_by"]
    fieldsets = [
        (None, {"fields": ["code", "name", "preview"]}),
        (_("Contact data"), {"fields": list(CONTACT_FIELDS)}),
        (_("Last change"), {"fields": ["contact_updated_at", "contact_updated_by"]}),
    ]
    show_full_result_count = False
    change_list_template = "admin/routing/cpas/change_list.html"

    def has_module_permission(self, request):
        return is_sppis(request.user)

    def has_view_permission(self, request, obj=None):
        return is_sppis(request.user)

    def has_change_permission(self, request, obj=None):
        return is_sppis(request.user)

    def has_add_permission(self, request):
        return False  # every commune has its CPAS: the reference data brings all 565

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        address = CpasNotificationSettings.objects.filter(cpas=OuterRef("pk")).exclude(email="")
        return (
            super()
            .get_queryset(request)
            .annotate(own_address=Exists(address))
            .select_related("contact_updated_by")
        )

    @admin.display(description=_("notification address"), boolean=True)
    def has_notification_address(self, obj):
        return bool(obj.own_address or obj.email)

    @admin.display(description=_("contact data changed at"), ordering="contact_updated_at")
    def updated(self, obj):
        return obj.contact_updated_at

    @admin.display(description=_("What the applicant reads"))
    def preview(self, obj):
        return format_html_join(
            "",
            '<div class="inset" lang="{}"><h3>{}</h3>{}</div>',
            ((p["language"], p["name"], p["html"]) for p in contact_previews(obj)),
        )

    def changelist_view(self, request, extra_context=None):
        extra = {
            "title": _("CPAS: contact data and notification address"),
            "missing_contact": without_contact_data().count(),
            "missing_notification": without_notification_address().count(),
        }
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def save_model(self, request, obj, form, change):
        cpas_contact_update(
            cpas=obj,
            by=request.user,
            at=timezone.now(),
            values={name: form.cleaned_data.get(name, "") for name in CONTACT_FIELDS},
        )
