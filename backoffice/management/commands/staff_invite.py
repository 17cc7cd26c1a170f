"""Invite a staff account to set up its second factor, from the server's shell.

For the technical operator's own first account (``createsuperuser``: nobody is there yet
to invite it), or when email is not working. The link is emailed to the account's
address like every invitation, and printed here once (docs/data-protection.md, "Staff
accounts")."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from backoffice.accounts import staff_invitation_create
from backoffice.models import User
from notifications.staff import invitation_token


class Command(BaseCommand):
    help = "Invite a staff account to set up its second factor; prints the link once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE)

    def handle(self, *args, username, language, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account {username!r}.")
        invitation = staff_invitation_create(user=user, by=None)
        with translation.override(language):
            path = reverse(
                "backoffice:invitation", kwargs={"token": invitation_token(invitation.salt)}
            )
        self.stdout.write(
            f"Invitation for {username}, valid until {invitation.expires_at:%Y-%m-%d %H:%M} "
            f"UTC (open it, log in, set up the second factor):\n{settings.SITE_URL}{path}"
        )
