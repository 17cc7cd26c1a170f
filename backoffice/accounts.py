"""Staff accounts: the invitation that lets a new account set up its second factor, and
the reset of a lost one (docs/data-protection.md, "Staff accounts").

Whoever knows an account's password does not, with it alone, bind the account's second
factor: the set-up page asks for a valid invitation in the session, which only the link
sent to the staff member's own address gives. An invitation works once, until it
expires (``STAFF_INVITATION_HOURS``); a new one replaces the older ones.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from notifications.constants import EmailKind
from notifications.outbox import queue_staff_email
from notifications.staff import invitation_token

from .models import StaffInvitation, User

SESSION_KEY = "backoffice_invitation"


def _token_hash(token: str) -> str:
    # The token has 256 bits: a plain SHA-256 is enough to find it without keeping it.
    return hashlib.sha256(token.encode()).hexdigest()


def _invitation_new(*, user: User, by: User | None, now: datetime) -> StaffInvitation:
    StaffInvitation.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    salt = secrets.token_urlsafe(16)
    invitation = StaffInvitation.objects.create(
        user=user,
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(hours=settings.STAFF_INVITATION_HOURS),
        salt=salt,
        token_hash=_token_hash(invitation_token(salt)),
    )
    queue_staff_email(
        user=user,
        kind=EmailKind.STAFF_INVITATION,
        context={"salt": salt, "until": invitation.expires_at.isoformat()},
        idempotency_key=f"staff_invitation:{invitation.pk}",
    )
    return invitation


def staff_invitation_create(
    *, user: User, by: User | None, now: datetime | None = None
) -> StaffInvitation:
    """A new invitation for ``user``, emailed through the outbox; older unused ones end."""
    with transaction.atomic():
        return _invitation_new(user=user, by=by, now=now or timezone.now())


def staff_second_factor_reset(
    *, user: User, by: User | None, now: datetime | None = None
) -> StaffInvitation:
    """Remove the account's second factor (a lost phone) and invite it to set up a new one."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        return _invitation_new(user=user, by=by, now=now or timezone.now())


def invitation_for_token(token: str, *, now: datetime | None = None) -> StaffInvitation | None:
    """The valid invitation this token opens: unknown, used and expired ones give None."""
    if not token or len(token) > 64:
        return None
    return (
        StaffInvitation.objects.filter(
            token_hash=_token_hash(token),
            used_at__isnull=True,
            expires_at__gt=now or timezone.now(),
            user__is_active=True,
        )
        .select_related("user")
        .first()
    )


def invitation_in_session(request, *, now: datetime | None = None) -> StaffInvitation | None:
    """The session's invitation, if it is still valid and is the logged-in user's own."""
    pk = request.session.get(SESSION_KEY)
    if not pk or not request.user.is_authenticated:
        return None
    return StaffInvitation.objects.filter(
        pk=pk,
        user=request.user,
        used_at__isnull=True,
        expires_at__gt=now or timezone.now(),
    ).first()


def staff_second_factor_confirm(*, device: TOTPDevice, invitation: StaffInvitation) -> bool:
    """Confirm the new device and use up the invitation, both or neither; False when
    the invitation was used meanwhile (another tab)."""
    with transaction.atomic(durable=True):
        used = StaffInvitation.objects.filter(
            pk=invitation.pk, used_at__isnull=True, expires_at__gt=timezone.now()
        ).update(used_at=timezone.now())
        if not used:
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return True


def staff_member_create(
    *,
    by: User,
    username: str,
    email: str,
    role: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """A new account in ``by``'s CPAS (a manager's page), invited to set up its second
    factor; the password is the one the manager gives the person."""
    with transaction.atomic(durable=True):
        user = User(
            username=username,
            email=email,
            role=role,
            cpas=by.cpas,
            first_name=first_name,
            last_name=last_name,
        )
        user.set_password(password)
        user.full_clean()
        user.save()
        _invitation_new(user=user, by=by, now=timezone.now())
    return user


def staff_member_activate(*, user: User, active: bool) -> None:
    """Deactivate an account (it can no longer log in; its history stays) or reactivate it."""
    with transaction.atomic(durable=True):
        User.objects.filter(pk=user.pk).update(is_active=active)
