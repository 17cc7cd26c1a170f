"""One log line per staff login and logout, from Django's auth signals (the back-office's
login, the admin's). It names the staff member by username and id: usernames are staff
identifiers. A failed attempt is django-axes's line, whose username is masked (a typed
username can be anything, a password typed in the wrong field too)."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

logger = logging.getLogger(__name__)


@receiver(user_logged_in, dispatch_uid="cpasonline.logins.logged_in")
def log_login(sender, request, user, **kwargs) -> None:
    logger.info("Staff login: %s (user %s)", user.get_username(), user.pk)


@receiver(user_logged_out, dispatch_uid="cpasonline.logins.logged_out")
def log_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        logger.info("Staff logout: %s (user %s)", user.get_username(), user.pk)
