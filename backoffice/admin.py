"""The back-office's admin pages: staff accounts, the access log, the register's lines,
the API tokens. Who sees which: ``backoffice.roles`` (docs/data-protection.md)."""

import secrets

from axes.utils import reset as axes_reset
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from cpasonline.admin_mixins import NoEditingMixin
from intake.models import RegisterEntry

from .accounts import staff_invitation_create, staff_second_factor_reset
from .constants import Role
from .models import AccessLogEntry, ApiToken, User, hash_token
from .throttle import login_throttle_reset

# No page shows a TOTP key or its otpauth address (django-otp's device pages do, and
# answer 500 for a device that does not exist): a lost second factor is reset from the
# staff list, which sends a new invitation.
admin.site.unregister(TOTPDevice)
admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(NoEditingMixin, GroupAdmin):
    """Read-only: the SPP-IS group's permissions are declared in ``backoffice.roles``."""


class StaffCreationForm(UserCreationForm):
    """A new account needs an email address: its second-factor invitation goes there."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email", "role", "cpas", "federation")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True


_PERSON = (_("Personal info"), {"fields": ("first_name", "last_name", "email")})
_ACCOUNT = (_("CPAS Online"), {"fields": ("role", "cpas", "federation", "is_active")})
_DATES = (_("Important dates"), {"fields": ("last_login", "date_joined")})


@admin.register(User)
class StaffAdmin(UserAdmin):
    add_form = StaffCreationForm
    add_fieldsets = (
        (None, {"fields": ("username", "password1", "password2")}),
        _PERSON,
        (_("CPAS Online"), {"fields": ("role", "cpas", "federation")}),
    )
    list_display = (
        *("username", "first_name", "last_name", "role", "cpas", "is_active"),
        "second_factor",
    )
    list_filter = ("role", "is_active")
    list_select_related = ("cpas",)
    search_fields = ("username", "cpas__code", "cpas__name")
    readonly_fields = ("last_login", "date_joined")
    actions = ["reset_second_factor", "unlock_login"]
    autocomplete_fields = ()

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .annotate(
                has_second_factor=Exists(
                    TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
                )
            )
        )
        if request.user.is_superuser:
            return queryset
        # SPP-IS administrators manage the CPAS's staff, not SPP-IS accounts or the
        # technical operator's.
        return queryset.filter(is_superuser=False).exclude(role=Role.SPPIS_ADMIN)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        fieldsets = [(None, {"fields": ("username", "password")}), _PERSON, _ACCOUNT, _DATES]
        if request.user.is_superuser:
            fieldsets.insert(3, (_("Technical operator"), {"fields": ("is_superuser",)}))
        return fieldsets

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role" and not request.user.is_superuser:
            kwargs["choices"] = [c for c in Role.choices if c[0] != Role.SPPIS_ADMIN]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: the history and the access log refer to it

    @admin.display(boolean=True, description=_("second factor set up"))
    def second_factor(self, obj):
        return obj.has_second_factor

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            staff_invitation_create(user=obj, by=request.user)
            self.message_user(
                request,
                _("An invitation to set up the second factor was sent to the account's address."),
                messages.SUCCESS,
            )

    @admin.action(
        description=_("Reset the second factor and send a new invitation"),
        permissions=["change"],
    )
    def reset_second_factor(self, request, queryset):
        users = list(queryset)
        for user in users:
            staff_second_factor_reset(user=user, by=request.user)
        without = [user.username for user in users if not user.email]
        self.message_user(
            request,
            ngettext(
                "%(count)d account must set up its second factor again.",
                "%(count)d accounts must set up their second factor again.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )
        if without:
            self.message_user(
                request,
                _("No email address, no invitation sent: %(usernames)s")
                % {"usernames": ", ".join(without)},
                messages.WARNING,
            )

    @admin.action(description=_("Unlock the login"), permissions=["change"])
    def unlock_login(self, request, queryset):
        users = list(queryset)
        for user in users:
            axes_reset(username=user.username)
            login_throttle_reset(user.username)
        self.message_user(
            request,
            ngettext(
                "%(count)d account can log in again.",
                "%(count)d accounts can log in again.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )


class ReadOnlyAdmin(NoEditingMixin, admin.ModelAdmin):
    """Records: seen with the view permission (``backoffice.roles``), never edited."""


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
    """The technical operator's (a token reads a CPAS's requests): not SPP-IS's."""

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
