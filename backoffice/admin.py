import secrets

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from cpasonline.admin_mixins import NoEditingMixin
from intake.models import RegisterEntry

from .models import AccessLogEntry, ApiToken, User, hash_token


@admin.register(User)
class StaffAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("CPAS Online"), {"fields": ("role", "cpas")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("CPAS Online"), {"fields": ("role", "cpas")}),
    )
    list_display = ("username", "first_name", "last_name", "role", "cpas", "is_active")
    list_filter = ("role", "is_active")
    list_select_related = ("cpas",)
    autocomplete_fields = ()


class ReadOnlyAdmin(NoEditingMixin, admin.ModelAdmin):
    """Visible to SPP-IS administrators only, and never edited."""

    def has_view_permission(self, request, obj=None):
        user = request.user
        return user.is_active and (user.is_superuser or getattr(user, "is_sppis_admin", False))

    def has_module_permission(self, request):
        return self.has_view_permission(request)


@admin.register(AccessLogEntry)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "api_token", "aid_request", "action", "ip_address")
    list_filter = ("action",)
    list_select_related = ("user", "api_token", "aid_request")
    search_fields = ("aid_request__reference", "user__username")
    date_hierarchy = "at"
    show_full_result_count = False


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
    list_display = ("cpas", "year", "number", "aid_request", "reception_date", "registered_at")
    list_filter = ("year",)
    list_select_related = ("cpas", "aid_request")
    search_fields = ("aid_request__reference", "cpas__name")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "cpas", "prefix", "is_active", "created_at", "last_used_at")
    list_filter = ("is_active",)
    list_select_related = ("cpas",)
    fields = ("cpas", "name", "is_active", "prefix", "created_at", "last_used_at")
    readonly_fields = ("prefix", "created_at", "last_used_at")
    search_fields = ("name", "cpas__name")

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "cpas") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            token = secrets.token_urlsafe(32)
            obj.prefix = token[:8]
            obj.token_hash = hash_token(token)
            messages.warning(
                request,
                _("The token, shown only this once: %(token)s") % {"token": token},
            )
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: the access log refers to it
