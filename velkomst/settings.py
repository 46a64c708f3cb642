"""Velkomst settings, read from the environment (12-factor) with safe defaults.

Nothing set: embedded SQLite, DEBUG off, a secret key generated once into var/secret_key.
"""

import os
import secrets
import sys
import tempfile
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VELKOMST_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


# Under pytest: fast password hashing and static files served from the finders (no build step)
TESTING = "pytest" in sys.modules or env_bool("VELKOMST_TESTING")

SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs page's Swagger UI files locally (no CDN)
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "velkomst.core",
    "velkomst.people",
    "velkomst.api",
    "velkomst.reception",
    "velkomst.visitation",
    "velkomst.national",
    "velkomst.families",
    "velkomst.welcome",
    "velkomst.appointments",
    "velkomst.housing",
    "velkomst.hosts",
    "velkomst.associations",
    "velkomst.neighbours",
    "velkomst.programme",
    "velkomst.home",
    "velkomst.danish",
    "velkomst.outcomes",
    "velkomst.competences",
    "velkomst.consent",
    "velkomst.health",
    "velkomst.interpreting",
    "velkomst.companies",
    "velkomst.matching",
    "velkomst.roundtables",
    "velkomst.volunteers",
    "velkomst.referrals",
    "velkomst.pairings",
    "velkomst.community",
    "velkomst.indicators",
    "velkomst.insight",
    "velkomst.retention",
    "velkomst.strategies",
    "velkomst.surveys",
    "velkomst.handover",
    "velkomst.citizen",
    "velkomst.questions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # outside the citizen's middleware, so a staff session refused on a citizen's page is an
    # event too (SEC-1)
    "velkomst.core.middleware.SecurityEventMiddleware",
    # before the staff sign-in: a citizen's session on a staff page is a 403, not a redirect to
    # the staff sign-in (CIT-1)
    "velkomst.citizen.middleware.CitizenSessionMiddleware",
    "velkomst.core.middleware.LoginRequiredMiddleware",
    "velkomst.core.middleware.NationalScopeMiddleware",
    "velkomst.core.middleware.HandedOverMiddleware",
]

ROOT_URLCONF = "velkomst.urls"
WSGI_APPLICATION = "velkomst.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "velkomst" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "velkomst.core.context_processors.velkomst",
            ],
            # dates, amounts, countries and languages shown one way on every page
            "builtins": ["velkomst.core.templatetags.display"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'velkomst.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # the web server and the background worker write to one file: wait for the other's
        # transaction (a long bulk decision) rather than fail after Python's 5 s default
        "timeout": 30,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles our tenant-scoped visibility subqueries on every request and
    # costs more than it saves (bench/: 682 ms -> 73 ms for the citizen list at 62,000 persons)
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.StaffUser"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "da"
# The staff pages are in Danish and English (STAFF_LANGUAGES); the citizen's entrance (CIT-1) also
# in Arabic, Ukrainian, Farsi, Dari and Tigrinya (CITIZEN_LANGUAGES). Dari (prs) and Tigrinya (ti)
# are not among Django's languages: velkomst/citizen/apps.py adds them to LANG_INFO.
STAFF_LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
CITIZEN_LANGUAGES = [
    *STAFF_LANGUAGES,
    ("ar", _("Arabisk")),
    ("uk", _("Ukrainsk")),
    ("fa", _("Farsi")),
    ("prs", _("Dari")),
    ("ti", _("Tigrinya")),
]
LANGUAGES = CITIZEN_LANGUAGES
LANGUAGES_BIDI = ["ar", "fa", "prs", "he", "ur", "ckb", "ug"]
LOCALE_PATHS = [BASE_DIR / "velkomst" / "locale"]
# a date shown without a filter reads as core/formats.py shows dates (docs/decisions.md 28)
FORMAT_MODULE_PATH = ["velkomst.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "velkomst" / "static",
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and not TESTING
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES")
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Background work (placement runs): django-tasks with its database backend; `manage.py db_worker`
# runs the queue (make run starts one). Tests run tasks at once in the enqueuing thread unless a
# test asks for the database backend (VELKOMST_TASKS_BACKEND).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "VELKOMST_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "velkomst@localhost")
# Notifications to citizens (reminders the day before an event, CIV-4): velkomst.core.notify's
# ConsoleBackend, EmailBackend, SmsBackend or ChannelBackend (e-mail and SMS each their way)
VELKOMST_NOTIFICATION_BACKEND = os.environ.get(
    "VELKOMST_NOTIFICATION_BACKEND", "velkomst.core.notify.ConsoleBackend"
)
VELKOMST_SMS_GATEWAY_URL = os.environ.get("VELKOMST_SMS_GATEWAY_URL", "")
VELKOMST_SMS_GATEWAY_TOKEN = os.environ.get("VELKOMST_SMS_GATEWAY_TOKEN", "")
VELKOMST_SMS_SENDER = os.environ.get("VELKOMST_SMS_SENDER", "Kommunen")
# MitID through an OpenID Connect broker for the citizen's entrance (CIT-1): the sign-in page
# offers "Log ind med MitID" only when an issuer is configured
VELKOMST_OIDC_ISSUER = os.environ.get("VELKOMST_OIDC_ISSUER", "")

# Citizens' MitID sign-in through an OpenID Connect broker (CIT-1, velkomst/citizen/oidc.py).
# Empty issuer: MitID sign-in is off. The CPR claim and scopes are preset to Signaturgruppen's
# MitID broker (README: other brokers' claim names).
VELKOMST_OIDC_ISSUER = os.environ.get("VELKOMST_OIDC_ISSUER", "")
VELKOMST_OIDC_CLIENT_ID = os.environ.get("VELKOMST_OIDC_CLIENT_ID", "")
VELKOMST_OIDC_CLIENT_SECRET = os.environ.get("VELKOMST_OIDC_CLIENT_SECRET", "")
VELKOMST_OIDC_CPR_CLAIM = os.environ.get("VELKOMST_OIDC_CPR_CLAIM", "dk.cpr")
VELKOMST_OIDC_SCOPES = os.environ.get("VELKOMST_OIDC_SCOPES", "openid mitid ssn")
# The redirect URI registered at the broker; empty: this request's own address + the callback path
VELKOMST_OIDC_REDIRECT_URI = os.environ.get("VELKOMST_OIDC_REDIRECT_URI", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Velkomst's own settings
VELKOMST_PAGE_SIZE = 25
# The citizen list counts at most this many matches (80 pages); beyond it the page says "more than"
VELKOMST_LIST_COUNT_CAP = 2000
# Absolute address of this deployment, for links in emails (e.g. https://velkomst.kommune.dk)
VELKOMST_BASE_URL = os.environ.get("VELKOMST_BASE_URL", "http://127.0.0.1:8000")
# Files citizens and staff attach to questions (CIT-1): stored here, outside the web root and
# never served by a static or media URL, only through a view that checks the reader; created on
# demand (var/ is not in git)
VELKOMST_PRIVATE_FILES = Path(
    os.environ.get(
        "VELKOMST_PRIVATE_FILES",
        # tests never write into the checkout (a test that reads the files sets its own folder)
        Path(tempfile.gettempdir()) / "velkomst-test-private" if TESTING else VAR_DIR / "private",
    )
)
# the largest attachment a question or an answer takes (bytes)
VELKOMST_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("VELKOMST_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024))
)

# The occupation code list's official files (ESCO's ISCOGroups_<language>.csv, ISCO-08):
# velkomst/competences/data/README.md. Empty: the folder beside the code.
OCCUPATIONS_DIR = os.environ.get("VELKOMST_OCCUPATIONS_DIR", "") or None
