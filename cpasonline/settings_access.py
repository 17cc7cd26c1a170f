"""Settings of staff access and data retention, read from the environment: a part of
``cpasonline.settings`` (which takes them with ``vars().update(staff_access(…))``), kept
in its own file for the house's size limit. Every name is documented in the README."""

_VALIDATORS = "django.contrib.auth.password_validation"


def staff_access(env, *, debug: bool) -> dict:
    return dict(  # noqa: C408  (settings names as keywords, each with its comment)
        AUTH_USER_MODEL="backoffice.User",
        LOGIN_URL="backoffice:login",
        LOGIN_REDIRECT_URL="backoffice:inbox",
        LOGOUT_REDIRECT_URL="backoffice:login",
        AUTHENTICATION_BACKENDS=[
            "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out attempts
            # Django's, with permissions from the role only (backoffice.roles).
            "backoffice.auth.StaffPermissionBackend",
        ],
        # Login throttling (django-axes): 5 failures for one username from one address
        # lock that pair out for 15 minutes; a success resets the count.
        AXES_FAILURE_LIMIT=env.int("AXES_FAILURE_LIMIT", default=5),
        AXES_COOLOFF_TIME=env.float("AXES_COOLOFF_HOURS", default=0.25),
        AXES_LOCKOUT_PARAMETERS=[["username", "ip_address"]],
        AXES_RESET_ON_SUCCESS=True,
        AXES_LOCKOUT_TEMPLATE="backoffice/locked_out.html",
        AXES_VERBOSE=False,
        # Usernames are recorded as typed: cut to the column's length (a 300-character
        # name is a failed login, not a server error).
        AXES_USERNAME_CALLABLE="backoffice.auth.axes_username",
        # No admin pages of its own (addresses): accounts are unlocked from the staff list.
        AXES_ENABLE_ADMIN=False,
        # The client behind the reverse proxies, as the rate limits and the access log
        # see it.
        AXES_CLIENT_IP_CALLABLE="cpasonline.client.client_ip",
        # Failed logins beyond axes (backoffice/throttle.py): per account from any
        # address (its owner is told by email; the browser they last logged in from is
        # not held back), and per address for any username.
        STAFF_LOGIN_ACCOUNT_RATE=env.str("STAFF_LOGIN_ACCOUNT_RATE", default="20/h"),
        STAFF_LOGIN_ADDRESS_RATE=env.str("STAFF_LOGIN_ADDRESS_RATE", default="50/h"),
        # An invitation to set up the second factor works once, for this many hours.
        STAFF_INVITATION_HOURS=env.int("STAFF_INVITATION_HOURS", default=72),
        # Staff sessions end after this many seconds without a request (the citizens'
        # do not).
        STAFF_IDLE_TIMEOUT=env.int("STAFF_IDLE_TIMEOUT", default=30 * 60),
        # TOTP second factor (django-otp) for every back-office page: on in production.
        STAFF_OTP_REQUIRED=env.bool("STAFF_OTP_REQUIRED", default=not debug),
        OTP_TOTP_ISSUER="CPAS Online",
        OTP_ADMIN_HIDE_SENSITIVE_DATA=True,  # no TOTP key is ever shown back
        # The CSV export of the inbox stops at this many rows.
        BACKOFFICE_EXPORT_MAX_ROWS=env.int("BACKOFFICE_EXPORT_MAX_ROWS", default=10_000),
        AUTH_PASSWORD_VALIDATORS=[
            {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
            {"NAME": f"{_VALIDATORS}.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
            {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
            {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
        ],
        # Retention periods in days (docs/data-protection.md, "Retention"): a request's
        # personal data after the date of its decision on the merits (the three months
        # of the appeal and a month more), or after its reception when no decision was
        # recorded here; the outbox's rows once done with; the access log; django-axes'
        # login records; the second-factor invitations once used or expired.
        RETENTION_DECIDED_DAYS=env.int("RETENTION_DECIDED_DAYS", default=120),
        RETENTION_UNDECIDED_DAYS=env.int("RETENTION_UNDECIDED_DAYS", default=365),
        RETENTION_OUTBOX_DAYS=env.int("RETENTION_OUTBOX_DAYS", default=30),
        RETENTION_ACCESS_LOG_DAYS=env.int("RETENTION_ACCESS_LOG_DAYS", default=730),
        RETENTION_LOGIN_RECORDS_DAYS=env.int("RETENTION_LOGIN_RECORDS_DAYS", default=90),
        RETENTION_INVITATIONS_DAYS=env.int("RETENTION_INVITATIONS_DAYS", default=30),
    )
