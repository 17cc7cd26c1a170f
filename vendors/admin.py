"""The software vendors in the admin (SPP-IS administrators, ``backoffice.roles``):
their clients, the secrets (shown once, two active at once for rotation), and which
CPAS granted each client access (granted and revoked by each CPAS's manager, in the
back-office)."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpasonline.admin_mixins import NoEditingMixin

from .models import ClientSecret, Grant, VendorClient
from .services import SecretRefused, client_secret_create, vendor_client_id_new


class _ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SecretInline(_ReadOnlyInline):
    model = ClientSecret
    fields = ("prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = fields


class GrantInline(_ReadOnlyInline):
    model = Grant
    fields = ("cpas", "scopes", "granted_at", "last_used_at", "revoked_at")
    readonly_fields = fields


def _show_secret(request, client, secret):
    messages.warning(
        request,
        _("The secret of %(client_id)s, shown only this once: %(secret)s")
        % {"client_id": client.client_id, "secret": secret},
    )


@admin.register(VendorClient)
class VendorClientAdmin(admin.ModelAdmin):
    list_display = ("name", "client_id", "is_active", "created_at")
    list_filter = ("is_active",)
    search_fields = ("name", "client_id")
    fields = ("name", "client_id", "contact_email", "is_active", "created_at")
    readonly_fields = ("client_id", "created_at")
    inlines = [SecretInline, GrantInline]
    actions = ["new_secret"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.client_id = vendor_client_id_new()
        super().save_model(request, obj, form, change)
        if not change:
            _row, secret = client_secret_create(client=obj)
            _show_secret(request, obj, secret)

    @admin.action(description=_("Add a secret (at most two active: rotation)"))
    def new_secret(self, request, queryset):
        for client in queryset:
            try:
                _row, secret = client_secret_create(client=client)
            except SecretRefused as refused:
                messages.error(request, str(refused))
            else:
                _show_secret(request, client, secret)

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: the access log refers to it


@admin.register(ClientSecret)
class ClientSecretAdmin(NoEditingMixin, admin.ModelAdmin):
    list_display = ("client", "prefix", "created_at", "last_used_at", "revoked_at")
    list_select_related = ("client",)
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        # The list and its action only: a secret's fields never change.
        return obj is None and request.user.has_perm("vendors.change_clientsecret")

    @admin.action(description=_("Revoke the selected secrets"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        messages.success(request, _("Secrets revoked: %(count)d") % {"count": count})
