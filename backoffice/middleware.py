"""Staff sessions end after ``STAFF_IDLE_TIMEOUT`` seconds without a request."""

import time

from django.conf import settings
from django.contrib.auth import logout

SESSION_KEY = "backoffice_last_seen"


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(SESSION_KEY)
            if last_seen is not None and now - last_seen > settings.STAFF_IDLE_TIMEOUT:
                logout(request)  # flushes the session; login_required sends to the login page
            else:
                request.session[SESSION_KEY] = now
        return self.get_response(request)
