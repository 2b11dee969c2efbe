"""Settings, read from the environment.

With no environment set, this is the embedded default: SQLite in WAL mode, an in-process
broker with in-process workers, the in-memory channel layer and artifacts under `var/`.
Setting DATABASE_URL, DESIGNER_BROKER_URL, DESIGNER_CHANNEL_URL and DESIGNER_ARTIFACTS
turns the same code into the distributed deployment.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DESIGNER_VAR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """DESIGNER_SECRET_KEY; else, embedded only, a random key made once and kept in var/.

    A distributed deployment must set the key itself: every web process and worker needs the
    same one, and a key made on one machine's disk would differ on the next."""
    key = os.environ.get("DESIGNER_SECRET_KEY", "").strip()
    if key:
        return key
    if os.environ.get("DATABASE_URL"):
        raise ImproperlyConfigured(
            "DATABASE_URL is set (a distributed deployment) but DESIGNER_SECRET_KEY is not. "
            "Set DESIGNER_SECRET_KEY to the same long random value (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`) in every web "
            "process and worker; see docs/security.md."
        )
    return _stored_key(VAR_DIR / "secret_key")


def _stored_key(path: Path) -> str:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: of two processes starting at once, one writes the key and both read it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_urlsafe(50) + "\n")
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DESIGNER_DEBUG", False)
ALLOWED_HOSTS = os.environ.get("DESIGNER_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(
    ","
)
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DESIGNER_CSRF_ORIGINS", "").split(",") if o]

# Behind HTTPS (DESIGNER_HTTPS=1): redirect plain HTTP, send HSTS, cookies only over HTTPS.
# Behind a proxy that ends TLS, DESIGNER_PROXY_SSL_HEADER=1 trusts its X-Forwarded-Proto.
DESIGNER_HTTPS = _env_bool("DESIGNER_HTTPS", False)
SECURE_SSL_REDIRECT = DESIGNER_HTTPS
SESSION_COOKIE_SECURE = DESIGNER_HTTPS
CSRF_COOKIE_SECURE = DESIGNER_HTTPS
SECURE_HSTS_SECONDS = (
    int(os.environ.get("DESIGNER_HSTS_SECONDS", "31536000")) if DESIGNER_HTTPS else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("DESIGNER_HSTS_SUBDOMAINS", DESIGNER_HTTPS)
SECURE_HSTS_PRELOAD = _env_bool("DESIGNER_HSTS_PRELOAD", False)
# Asking browsers to preload HSTS is a commitment for the whole domain; a site opts in with
# DESIGNER_HSTS_PRELOAD=1, so `check --deploy` does not nag the sites that do not.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
if _env_bool("DESIGNER_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The health check answers plain HTTP, so a load balancer can probe it behind the redirect.
SECURE_REDIRECT_EXEMPT = [r"^api/health/$"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "channels",
    "designer.accounts",
    "designer.registry",
    "designer.pipelines",
    "designer.artifacts",
    "designer.compute",
    "designer.runs",
    "designer.execution",
    "designer.realtime",
    "designer.datasets",
    "designer.models",
    "designer.endpoints",
    "designer.inference",
    "designer.schedules",
    "designer.imports",
    "designer.entrypoints",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "designer.urls"
ASGI_APPLICATION = "designer.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

_database_url = os.environ.get("DATABASE_URL")
if _database_url:
    # A connection is kept for a minute (a worker's thread runs one message after another:
    # opening one a message costs more than a small step's queries), and checked before a
    # request's or a message's first query, so a restarted database costs no failed step.
    DATABASES = {
        "default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("DESIGNER_SQLITE", str(VAR_DIR / "designer.sqlite3")),
            # Kept between a worker thread's messages too: a 1,000-wide fan-out of no-op
            # steps spent a twelfth of its worker threads' time opening connections.
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                # Writers from several worker threads queue on the lock instead of failing,
                # and IMMEDIATE takes it at BEGIN so a read-then-write never deadlocks.
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            "TEST": {"NAME": os.environ.get("DESIGNER_TEST_SQLITE") or None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = []
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
FRONTEND_DIST = Path(os.environ.get("DESIGNER_FRONTEND_DIST", BASE_DIR / "frontend" / "dist"))
# The built frontend is served from the site root ("/assets/...", "/favicon.svg").
WHITENOISE_ROOT = FRONTEND_DIST if FRONTEND_DIST.is_dir() else None
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DESIGNER_MAX_BODY", 10 * 1024 * 1024))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so a request that offers a bad token hears 401 rather than 403.
        "designer.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        # A token limited to some scopes reaches only the views those scopes name.
        "designer.accounts.permissions.TokenScopes",
    ],
    # DRF's JSON parser with a nesting cap, so a body nested 10,000 deep is a 400.
    "DEFAULT_PARSER_CLASSES": [
        "designer.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "designer.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Tokens handed out by `POST /api/auth/token/` stop working after this many days.
DESIGNER_SIGNIN_TOKEN_DAYS = int(os.environ.get("DESIGNER_SIGNIN_TOKEN_DAYS", "30"))
SPECTACULAR_SETTINGS = {
    "TITLE": "Pipewright API",
    "DESCRIPTION": "Design, run and inspect machine-learning pipelines.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # One named enum per set of values, so the generated TypeScript has RunStatus, NodeStatus...
    "ENUM_NAME_OVERRIDES": {
        # Artifacts have a `kind` too; name the token's enum so neither is renamed by accident.
        "ApiTokenKindEnum": "designer.accounts.choices.TokenKind",
        "RunStatus": "designer.runs.choices.RunStatus",
        "NodeStatus": "designer.runs.choices.NodeStatus",
        "ReuseReason": "designer.runs.serializers.REUSE_REASONS",
        "ReuseChangePart": "designer.runs.serializers.CHANGE_PARTS",
        "PartialScope": "designer.runs.serializers.PARTIAL_SCOPES",
        "PortType": "designer.kernel.spec.PORT_TYPES",
        "ParamType": "designer.kernel.params.PARAM_TYPES",
        "LogStream": "designer.runs.serializers.LOG_STREAMS",
        "DatastoreKind": "designer.datasets.choices.DatastoreKind",
        "DatasetSourceKind": "designer.datasets.choices.SourceKind",
        "DatastoreEntryKind": ["file", "folder"],
        "InferenceKind": "designer.kernel.inference.KINDS",
        # `type` of a `run` event and of a runs-list message: the same single value.
        "RunMessageType": ["run"],
        # Where a model version came from; node runs have a `source` (the bound version) too.
        "ModelVersionSource": "designer.models.choices.VersionSource",
    },
    "APPEND_COMPONENTS": {
        "schemas": {
            "JsonValue": {
                "description": "Any JSON value",
                "nullable": True,
                "oneOf": [
                    {"type": "string"},
                    {"type": "number"},
                    {"type": "boolean"},
                    # Not recursive: TypeScript resolves a union that contains itself to `any`.
                    {"type": "array", "items": {}},
                    {"type": "object", "additionalProperties": {}},
                ],
            },
            "ParamBinding": {
                "description": "Binds a node parameter to the pipeline parameter it names",
                "type": "object",
                "properties": {"$param": {"type": "string"}},
                "required": ["$param"],
            },
        }
    },
    # The websocket messages are no REST response; a hook publishes them as components.
    "POSTPROCESSING_HOOKS": [
        "designer.runs.event_types.add_event_components",
        "drf_spectacular.hooks.postprocess_schema_enums",
        # Every operation documents the 4xx answers the API gives, in its one error shape.
        "designer.schema_errors.add_error_responses",
    ],
}

# Messaging. No URL: the in-process broker and in-process workers (embedded default).
DESIGNER_BROKER_URL = os.environ.get("DESIGNER_BROKER_URL", "")
DESIGNER_CHANNEL_URL = os.environ.get("DESIGNER_CHANNEL_URL", "")
# Start in-process workers with the web process; on by default only when embedded.
# A run event of an unknown shape is refused (raising) rather than logged; on in the tests.
DESIGNER_STRICT_EVENTS = _env_bool("DESIGNER_STRICT_EVENTS", DEBUG)
DESIGNER_EMBEDDED_WORKERS = _env_bool("DESIGNER_EMBEDDED_WORKERS", not DESIGNER_BROKER_URL)
DESIGNER_WORKER_THREADS = int(os.environ.get("DESIGNER_WORKER_THREADS", "4"))
# First retry of a failed node waits this long; each further attempt doubles it.
DESIGNER_RETRY_BACKOFF_MS = int(os.environ.get("DESIGNER_RETRY_BACKOFF_MS", "1000"))
# Code that runs around every step; its digest is part of every cache key, so editing it
# never lets an old result be reused.
DESIGNER_RUNTIME_SOURCES = [BASE_DIR / "designer" / "runtime"]
# Attempts beyond a node's max_retries granted when its worker is lost (killed, restarted).
DESIGNER_LOST_WORKER_RETRIES = int(os.environ.get("DESIGNER_LOST_WORKER_RETRIES", "2"))
# A running node whose worker has not heartbeaten for this long is handed to another.
DESIGNER_HEARTBEAT_LAPSE = float(os.environ.get("DESIGNER_HEARTBEAT_LAPSE", "15"))
DESIGNER_RECONCILE_EVERY = float(os.environ.get("DESIGNER_RECONCILE_EVERY", "5"))
# Run the scheduler (schedules and data triggers) inside the web process; on by default when
# the workers are in-process too. Otherwise run `manage.py scheduler` (one or more; safe).
DESIGNER_EMBEDDED_SCHEDULER = _env_bool("DESIGNER_EMBEDDED_SCHEDULER", DESIGNER_EMBEDDED_WORKERS)
# Seconds between scheduler passes, and how late a tick may be and still fire under catch_up
# "none" (at least a few passes, so a slow pass never loses a tick).
# Retention: how often the scheduler sweeps deleted runs and unreferenced artifacts (0: never;
# `manage.py gc` sweeps on demand), and how old an unreferenced artifact must be to go.
DESIGNER_RETENTION_EVERY = float(os.environ.get("DESIGNER_RETENTION_EVERY", "3600"))
DESIGNER_RETENTION_GRACE = float(os.environ.get("DESIGNER_RETENTION_GRACE", "3600"))
DESIGNER_SCHEDULER_EVERY = float(os.environ.get("DESIGNER_SCHEDULER_EVERY", "5"))
DESIGNER_SCHEDULER_GRACE = float(
    os.environ.get("DESIGNER_SCHEDULER_GRACE", str(max(60.0, 3 * DESIGNER_SCHEDULER_EVERY)))
)

if DESIGNER_CHANNEL_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": DESIGNER_CHANNEL_URL,
                        # The layer waits for messages with a blocking read of 5 s; redis-py 8
                        # also gives up on any read after 5 s by default, which tore down
                        # every viewer idle that long. Keep a bound, well above the wait.
                        "socket_timeout": 30,
                    }
                ],
                "capacity": 1000,
            },
        }
    }
else:
    CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": 1000}}
    }

DESIGNER_ARTIFACTS = os.environ.get("DESIGNER_ARTIFACTS", str(VAR_DIR / "artifacts"))
# Where a worker keeps its copies of artifacts from a store that is not a local folder.
DESIGNER_ARTIFACT_CACHE = os.environ.get("DESIGNER_ARTIFACT_CACHE", str(VAR_DIR / "artifact-cache"))
# The S3-compatible server of an s3:// artifact store (MinIO, Ceph, ...); unset means AWS itself.
# Credentials and region come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION
# (or any other source the AWS client knows: a profile, an instance role).
DESIGNER_S3_ENDPOINT_URL = (
    os.environ.get("DESIGNER_S3_ENDPOINT_URL") or os.environ.get("AWS_ENDPOINT_URL") or None
)
DESIGNER_WORK_DIR = os.environ.get("DESIGNER_WORK_DIR", str(VAR_DIR / "work"))
DESIGNER_COMPONENTS_DIR = os.environ.get("DESIGNER_COMPONENTS_DIR", str(BASE_DIR / "components"))
DESIGNER_USER_COMPONENTS_DIR = os.environ.get(
    "DESIGNER_USER_COMPONENTS_DIR", str(VAR_DIR / "components")
)
# The virtualenvs of components that declare an `environment:`, one folder per content digest,
# and the installer's download cache they share (see docs/environments.md).
DESIGNER_ENVIRONMENTS = os.environ.get("DESIGNER_ENVIRONMENTS", str(VAR_DIR / "environments"))
DESIGNER_UV_CACHE = os.environ.get("DESIGNER_UV_CACHE", str(VAR_DIR / "uv-cache"))
# The longest one environment build may take, and how long an idle environment's zygote lives.
DESIGNER_ENV_BUILD_TIMEOUT = float(os.environ.get("DESIGNER_ENV_BUILD_TIMEOUT", "1800"))
DESIGNER_ENV_ZYGOTE_IDLE = float(os.environ.get("DESIGNER_ENV_ZYGOTE_IDLE", "600"))
# The wall around each step (docs/security.md): "auto" isolates steps when the worker runs as
# root on Linux with namespaces (a private file-system view, no network on a target with
# `network` off, its own cgroups, run as DESIGNER_STEP_USER); "off" runs them as the worker's
# user, as does "auto" where that is not possible. The worker's log says which at start-up.
DESIGNER_STEP_ISOLATION = os.environ.get("DESIGNER_STEP_ISOLATION", "auto")
DESIGNER_STEP_USER = os.environ.get("DESIGNER_STEP_USER", "pipewright-step")
# Limits of one step where its compute target sets none: processes (and threads) of the whole
# step, and open files per process.
DESIGNER_STEP_PROCESSES = int(os.environ.get("DESIGNER_STEP_PROCESSES", "256"))
DESIGNER_STEP_OPEN_FILES = int(os.environ.get("DESIGNER_STEP_OPEN_FILES", "1024"))
# Roots the Import Data component may read from; nothing outside them.
DESIGNER_DATA_ROOTS = [
    p for p in os.environ.get("DESIGNER_DATA_ROOTS", str(VAR_DIR / "data")).split(os.pathsep) if p
]
# The largest file a dataset version may be made from (an upload, or a datastore file).
DESIGNER_DATASET_MAX_BYTES = int(
    os.environ.get("DESIGNER_DATASET_MAX_BYTES", str(200 * 1024 * 1024))
)
# The largest model file `POST /api/models/` accepts as an upload.
DESIGNER_MODEL_MAX_BYTES = int(os.environ.get("DESIGNER_MODEL_MAX_BYTES", 500 * 1024 * 1024))

# Real-time inference endpoints (docs/inference.md, "Serving").
# A scoring request holds at most this many rows and this many bytes (else 413).
DESIGNER_INFERENCE_MAX_ROWS = int(os.environ.get("DESIGNER_INFERENCE_MAX_ROWS", "1000"))
DESIGNER_INFERENCE_MAX_BODY = int(os.environ.get("DESIGNER_INFERENCE_MAX_BODY", 4 * 1024 * 1024))
# Requests waiting for one scoring process are joined into batches of up to this many rows.
DESIGNER_INFERENCE_BATCH_ROWS = int(os.environ.get("DESIGNER_INFERENCE_BATCH_ROWS", "2000"))
# Seconds one batch may take, and a scoring process may take to load its models.
DESIGNER_INFERENCE_TIMEOUT = float(os.environ.get("DESIGNER_INFERENCE_TIMEOUT", "30"))
DESIGNER_INFERENCE_START_TIMEOUT = float(os.environ.get("DESIGNER_INFERENCE_START_TIMEOUT", "120"))
# A revoked token still scores for at most this long in each serving process.
DESIGNER_INFERENCE_TOKEN_SECONDS = float(os.environ.get("DESIGNER_INFERENCE_TOKEN_SECONDS", "5"))
# Serving processes look for changed endpoints, and write their counts, this often.
DESIGNER_INFERENCE_POLL_SECONDS = float(os.environ.get("DESIGNER_INFERENCE_POLL_SECONDS", "1"))
DESIGNER_INFERENCE_FLUSH_SECONDS = float(os.environ.get("DESIGNER_INFERENCE_FLUSH_SECONDS", "5"))
DESIGNER_INFERENCE_FAILURES_KEPT = int(os.environ.get("DESIGNER_INFERENCE_FAILURES_KEPT", "500"))
DESIGNER_INFERENCE_STATS_DAYS = float(os.environ.get("DESIGNER_INFERENCE_STATS_DAYS", "14"))
# Whether this web process serves endpoints itself: it then starts a new deployment's scoring
# process before saving the change, and switches at once. Off: `manage.py serve_inference`
# processes pick changes up when they poll.
DESIGNER_INFERENCE_WARM = _env_bool("DESIGNER_INFERENCE_WARM", DESIGNER_EMBEDDED_WORKERS)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DESIGNER_LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
