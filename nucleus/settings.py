"""Settings for Nucleus, read from the environment (see README "Configuration")."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from nucleus.env import (
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_origins,
    env_proxy_header,
)
from nucleus.env_webauthn import env_relying_party
from nucleus.files import (
    ensure_private_dir,
    ensure_private_file,
    is_file_database,
    write_private_text,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = ensure_private_dir(Path(os.environ.get("NUCLEUS_DATA_DIR", BASE_DIR / "data")))

DEBUG = env_bool("DEBUG", False)
_secret = os.environ.get("SECRET_KEY")
if _secret is None:
    # Without a configured secret, keep a random one in the data directory so that
    # sessions survive restarts of a local install; real deployments set SECRET_KEY.
    _secret_file = DATA_DIR / "secret_key"
    if not _secret_file.exists():
        import secrets

        write_private_text(_secret_file, secrets.token_urlsafe(50))
    _secret = _secret_file.read_text().strip()
if len(_secret) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long")
SECRET_KEY = _secret

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])

# The identity key: a keyring (see vault/keyring.py) from a variable or a file kept outside
# the database; the file is created with mode 0600 on first start.
NUCLEUS_IDENTITY_KEY = os.environ.get("NUCLEUS_IDENTITY_KEY") or None
NUCLEUS_IDENTITY_KEY_FILE = Path(
    os.environ.get("NUCLEUS_IDENTITY_KEY_FILE", DATA_DIR / "identity.key"))
# The backup passphrase (manage.py backup/restore; docs/deployment.md "Backups and restore"):
# from the variable, or from a file readable only by the user that runs the backups.
NUCLEUS_BACKUP_PASSPHRASE = os.environ.get("NUCLEUS_BACKUP_PASSPHRASE") or None
NUCLEUS_BACKUP_PASSPHRASE_FILE = os.environ.get("NUCLEUS_BACKUP_PASSPHRASE_FILE") or None
# Where a backup job (backups/tasks.py) writes its archive; empty: DATA_DIR/backups, which
# archives leave out.
NUCLEUS_BACKUP_DIR = os.environ.get("NUCLEUS_BACKUP_DIR") or None
NUCLEUS_SEEDS_DIR = Path(os.environ.get("NUCLEUS_SEEDS_DIR", BASE_DIR.parent / "shared" / "seeds"))
NUCLEUS_STALE_DAYS = env_int("NUCLEUS_STALE_DAYS", 21, minimum=1, maximum=3650)
# A composition report (congresses) shows no breakdown with a group smaller than this: a
# group of two is two people anyone can name by elimination.
NUCLEUS_COMPOSITION_THRESHOLD = env_int("NUCLEUS_COMPOSITION_THRESHOLD", 5, minimum=2,
                                        maximum=1000)
# Rows an import writes per transaction (fieldwork/import_runs.py): fewer, shorter waits for
# the other writers on SQLite; more, a faster import. New contacts are written in bulk
# (fieldwork/contacts_bulk.py): 1,000 of them hold SQLite's write lock some 0.1 to 0.3 s.
NUCLEUS_IMPORT_BATCH_ROWS = env_int("NUCLEUS_IMPORT_BATCH_ROWS", 1000, minimum=1,
                                    maximum=10000)
# bench/serving.py's hello-world baseline (nucleus/bench_hello.py): mounted only when on.
NUCLEUS_BENCH_HELLO = env_bool("NUCLEUS_BENCH_HELLO", False)
# Long work (plan runs, imports, backups) as jobs (jobs/): a queue in the database
# (django-tasks' database backend), run by `manage.py run_jobs` workers — no other service.
# "immediate" runs each job inline where it is enqueued (the tests; a tiny install without
# a worker, at the price of long requests).
TASKS = {"default": {"BACKEND": {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}[env_choice("NUCLEUS_JOBS_BACKEND", "database", ("database", "immediate"))]}}
# A worker writes the heartbeat of its job this often; a running job whose heartbeat is
# older than STALE_AFTER lost its worker (jobs/housekeeping.py), looked for every REAP_EVERY.
NUCLEUS_JOBS_HEARTBEAT_S = env_int("NUCLEUS_JOBS_HEARTBEAT_S", 10, minimum=1, maximum=600)
NUCLEUS_JOBS_STALE_AFTER_S = env_int("NUCLEUS_JOBS_STALE_AFTER_S", 120, minimum=2,
                                     maximum=86400)
NUCLEUS_JOBS_REAP_EVERY_S = env_int("NUCLEUS_JOBS_REAP_EVERY_S", 60, minimum=1, maximum=3600)
# A contacts export (fieldwork/tasks.py) waits this long for its download in DATA_DIR/jobs/,
# then is removed (by the download view, and by the workers' housekeeping).
NUCLEUS_EXPORT_KEEP_HOURS = env_int("NUCLEUS_EXPORT_KEEP_HOURS", 24, minimum=1, maximum=24 * 90)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "vault",
    "backups",
    "audit",
    "organizations",
    "people",
    "fieldwork",
    "deployment",
    "reviews",
    "elections",
    "accounts",
    # Logins (accounts): throttling and lockout, second factor (TOTP and recovery codes).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Passkeys (WebAuthn) as a second factor, never as a first one (accounts/passkeys.py).
    "django_otp_webauthn",
    "access",
    "safety",
    "publications",
    "agitprop",
    "organs",
    "alliances",
    "congresses",
    "ballots",
    "coalitions",
    "campaigns",
    "memberreports",
    "tasks",
    "stoppages",
    # The task queue (django-tasks, Django 6.0's tasks framework backported) and its
    # database backend; jobs/ is what people see of it.
    "django_tasks",
    "django_tasks_db",
    "jobs",
    "demo",
    "nucleus",

]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise, hashed files cached for a year (nucleus/middleware.py).
    "nucleus.middleware.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after authentication: everything below runs inside the request's database wall.
    "access.middleware.DatabaseScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Passwords (accounts): after a reset by a secretary, every page leads to the change.
    "accounts.passwords.PasswordChangeRequiredMiddleware",
    # Logins (accounts): idle and absolute session limits, then the second factor.
    "accounts.session_limits.SessionLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.mfa.SecondFactorMiddleware",
    # The reader's language (from the profile, over the cookie), calendar and digits.
    "accounts.preferences.PreferencesMiddleware",
    # Inside the preferences: HTML answers in the reader's digits (nucleus/digits.py).
    "nucleus.digits.LocalDigitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "nucleus.middleware.SecurityHeadersMiddleware",
    # No page while the identity key does not open the stored data (vault/middleware.py).
    "vault.middleware.IdentityKeyMiddleware",
    # Last, as django-axes asks: turns a lockout into the lockout page (logins, accounts).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nucleus.urls"
WSGI_APPLICATION = "nucleus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "demo.context.demo_install",
                "tasks.context.unread_notifications",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{DATA_DIR / 'nucleus.sqlite3'}")}
if (DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
        and is_file_database(DATABASES["default"]["NAME"])):
    # Created here with mode 0600 before SQLite would create it with the umask.
    ensure_private_file(str(DATABASES["default"]["NAME"]))
# The database wall (access/dbwall.py, docs/deployment.md): on PostgreSQL the app connects as
# DATABASE_URL's role, which owns nothing; migrate runs as DATABASE_OWNER_URL's role, which
# builds row-level security for NUCLEUS_DB_APP_ROLE (default: DATABASE_URL's user).
DATABASE_OWNER_URL = os.environ.get("DATABASE_OWNER_URL", "")
if DATABASE_OWNER_URL:
    env_database("DATABASE_OWNER_URL", DATABASE_OWNER_URL)  # fails loudly when malformed
NUCLEUS_DB_APP_ROLE = os.environ.get(
    "NUCLEUS_DB_APP_ROLE", DATABASES["default"].get("USER", "") if DATABASE_OWNER_URL else "")
if NUCLEUS_DB_APP_ROLE:
    if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured("NUCLEUS_DB_APP_ROLE and DATABASE_OWNER_URL need PostgreSQL")
    DATABASES["default"]["ENGINE"] = "access.database"
# Passwords, tokens, demo, founding (accounts; docs/deployment.md "Logins"). API tokens
# expire NUCLEUS_API_TOKEN_DAYS after they are made. NUCLEUS_DEMO: a demo install, whose
# logins have public passwords (set by `scripts/start`, remembered by `load_demo` in the data
# directory); every page says so. NUCLEUS_FOUNDERS: who may found organizations and
# coalitions, "admins" (install administrators, or holders of a founding invitation) or
# "anyone".
NUCLEUS_API_TOKEN_DAYS = env_int("NUCLEUS_API_TOKEN_DAYS", 90, minimum=1, maximum=366)
NUCLEUS_DEMO_MARKER = DATA_DIR / "demo-install"
NUCLEUS_DEMO = env_bool("NUCLEUS_DEMO", NUCLEUS_DEMO_MARKER.exists())
NUCLEUS_FOUNDERS = env_choice("NUCLEUS_FOUNDERS", "admins", ("admins", "anyone"))
NUCLEUS_FOUNDING_INVITATION_DAYS = env_int("NUCLEUS_FOUNDING_INVITATION_DAYS", 14, minimum=1,
                                           maximum=365)
# An issue's file (publications/files.py): at most this many bytes, and an image at most
# this many pixels (decoding a larger one would take the server's memory).
NUCLEUS_ISSUE_FILE_MAX_BYTES = env_int("NUCLEUS_ISSUE_FILE_MAX_BYTES", 20 * 1024 * 1024,
                                       minimum=1024, maximum=200 * 1024 * 1024)
NUCLEUS_ISSUE_IMAGE_MAX_PIXELS = env_int("NUCLEUS_ISSUE_IMAGE_MAX_PIXELS", 40_000_000,
                                         minimum=1, maximum=200_000_000)
# A campaign's material (campaigns/files.py: documents, posters, songs): at most this many
# bytes per file; images keep the pixel limit above.
NUCLEUS_MATERIAL_MAX_BYTES = env_int("NUCLEUS_MATERIAL_MAX_BYTES", 30 * 1024 * 1024,
                                     minimum=1024, maximum=500 * 1024 * 1024)
# A member report's photos and videos (memberreports/media.py): at most this many bytes per
# file and per report, and this many files.
NUCLEUS_REPORT_FILE_MAX_BYTES = env_int("NUCLEUS_REPORT_FILE_MAX_BYTES", 50 * 1024 * 1024,
                                        minimum=1024, maximum=2 * 1024 * 1024 * 1024)
NUCLEUS_REPORT_MAX_BYTES = env_int("NUCLEUS_REPORT_MAX_BYTES", 200 * 1024 * 1024,
                                   minimum=1024, maximum=2 * 1024 * 1024 * 1024)
NUCLEUS_REPORT_MAX_FILES = env_int("NUCLEUS_REPORT_MAX_FILES", 12, minimum=1, maximum=100)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Passwords (accounts/passwords.py): never the username, never a breached password.
    {"NAME": "accounts.passwords.NotTheUsernameValidator"},
    {"NAME": "accounts.passwords.BreachedPasswordValidator"},
]
# Axes first: it refuses a locked-out account or address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
# Each in its own name and script: the picker is read by someone who may know no other.
LANGUAGES = [
    ("en", "English"),
    ("fa", "فارسی"),
    ("ckb", "کوردیی ناوەندی"),
    ("kmr", "Kurmancî"),
    ("az", "Azərbaycanca"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("de", "Deutsch"),
]
# Django knows no Northern Kurdish: its direction and names, and (locale_core/) a catalogue
# of Django's own messages, which Django ships for the other languages.
LANG_INFO.setdefault("kmr", {"bidi": False, "code": "kmr", "name": "Northern Kurdish",
                             "name_local": "Kurmancî"})
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_core"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise expects it even when serving from the finders
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names, gzip and brotli (nucleus/storage.py), made by collectstatic.
    "staticfiles": {"BACKEND": "nucleus.storage.StaticFilesStorage"},
}
# Serve straight from the app folders too, so that a fresh clone works without collectstatic.
WHITENOISE_USE_FINDERS = True
# Files answered at the site's root: /favicon.ico, which browsers ask for on their own.
WHITENOISE_ROOT = BASE_DIR / "public"
WHITENOISE_AUTOREFRESH = DEBUG

# Logins (accounts, see docs/deployment.md "Logins"). Throttling and lockout (django-axes):
# after NUCLEUS_LOGIN_FAILURE_LIMIT failures for one username, or from one address, further
# logins are refused until NUCLEUS_LOGIN_COOLOFF_MINUTES pass without a failure (0: until a
# secretary or `manage.py axes_reset` unlocks). Failures are not reset by a success: a
# success of another account from the same address would otherwise clear them.
AXES_FAILURE_LIMIT = env_int("NUCLEUS_LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=100)
_cooloff = env_int("NUCLEUS_LOGIN_COOLOFF_MINUTES", 60, minimum=0, maximum=60 * 24 * 30)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=_cooloff) if _cooloff else None
AXES_LOCKOUT_PARAMETERS = (["username", "ip_address"]
                           if env_bool("NUCLEUS_LOGIN_LOCKOUT_BY_ADDRESS", True) else ["username"])
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"
# The request header (as in request.META) a trusted reverse proxy puts the client address in,
# e.g. HTTP_X_REAL_IP; empty: the address the connection comes from (REMOTE_ADDR).
NUCLEUS_LOGIN_ADDRESS_HEADER = os.environ.get("NUCLEUS_LOGIN_ADDRESS_HEADER", "")
if NUCLEUS_LOGIN_ADDRESS_HEADER and not NUCLEUS_LOGIN_ADDRESS_HEADER.startswith("HTTP_"):
    raise ImproperlyConfigured("NUCLEUS_LOGIN_ADDRESS_HEADER must name a request header as "
                               "Django does (HTTP_X_REAL_IP), got "
                               f"{NUCLEUS_LOGIN_ADDRESS_HEADER!r}")
AXES_VERBOSE = False
# Second factor (django-otp): the name authenticator apps show.
OTP_TOTP_ISSUER = "Nucleus"
# Passkeys (django-otp-webauthn; accounts/passkeys.py, docs/deployment.md "Logins"): the
# relying party (NUCLEUS_WEBAUTHN_RP_ID) and the origins pages are served from
# (NUCLEUS_WEBAUTHN_ORIGINS, an onion address among them), checked by nucleus/env_webauthn.py.
_relying_party = env_relying_party(ALLOWED_HOSTS)
NUCLEUS_WEBAUTHN_RP_ID = _relying_party.rp_id
NUCLEUS_WEBAUTHN_ORIGINS = _relying_party.origins
# Host -> RP ID: an onion address is its own relying party (read by accounts.passkeys).
NUCLEUS_WEBAUTHN_RP_IDS = _relying_party.rp_ids
OTP_WEBAUTHN_RP_ID = NUCLEUS_WEBAUTHN_RP_ID
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.passkeys.relying_party_id"
OTP_WEBAUTHN_RP_NAME = "Nucleus"
OTP_WEBAUTHN_ALLOWED_ORIGINS = NUCLEUS_WEBAUTHN_ORIGINS
# A second factor only: no login by passkey alone; the ceremony views need a password login.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "accounts.passkeys.PasskeyHelper"
if _relying_party.has_plain_http_onion:
    # The plugin's own check wants https everywhere but localhost; env_webauthn also allows
    # plain-HTTP onion services, which Tor Browser counts as secure, and checks the rest.
    SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E031"]
# Sessions: every session ends NUCLEUS_SESSION_MAX_HOURS after the login; one of a user with
# identity access also after NUCLEUS_SESSION_IDLE_MINUTES without a request.
NUCLEUS_SESSION_MAX_HOURS = env_int("NUCLEUS_SESSION_MAX_HOURS", 12, minimum=1, maximum=24 * 7)
NUCLEUS_SESSION_IDLE_MINUTES = env_int("NUCLEUS_SESSION_IDLE_MINUTES", 120, minimum=5,
                                       maximum=60 * 24)
SESSION_COOKIE_AGE = NUCLEUS_SESSION_MAX_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Serving behind a TLS reverse proxy (docs/deployment.md). All off by default, so that the
# local install on http://127.0.0.1 keeps working; production turns them on.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Two years is what the preload list asks for; a first deployment may start lower.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0, maximum=2 * 365 * 86400)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Only when told: trusting the header without a proxy that overwrites it lets a client
# pretend to be on HTTPS.
SECURE_PROXY_SSL_HEADER = env_proxy_header("SECURE_PROXY_SSL_HEADER")
CSRF_TRUSTED_ORIGINS = env_origins("CSRF_TRUSTED_ORIGINS", [])
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Hashed, expiring tokens (accounts/tokens.py); the header stays "Token <key>".
        "accounts.tokens.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: the browsable API's pages need inline scripts that the CSP refuses.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Nucleus API",
    "DESCRIPTION": "Coalitions, organizations, units and people under need-to-know access.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # One name for a choice set several fields share.
    "ENUM_NAME_OVERRIDES": {"DatePrecisionEnum": "publications.models.Precision",
                            "CoalitionResolutionKindEnum":
                                "coalitions.models.CoalitionResolution.Kind"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
