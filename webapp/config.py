"""Configuration from environment variables.

The embedded default is a pilot on one machine: SQLite in instance/, the bundled redis-server
on a socket in instance/. DATABASE_URL and REDIS_URL switch to external servers.
"""
import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("CUNLI_INSTANCE", ROOT / "instance"))


def embedded_redis_socket(instance: Path = INSTANCE) -> Path:
    return instance / "redis.sock"


def _secret_key(instance: Path) -> str:
    """Read the secret key from instance/, generating it on first run."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def limiter_storage(redis_url: str | None) -> str:
    """Flask-Limiter's storage for our Redis (the embedded one on a unix socket included);
    process memory only where there is no Redis at all."""
    if not redis_url:
        return "memory://"
    if redis_url.startswith("unix://"):
        return "redis+unix://" + redis_url[len("unix://"):]
    return redis_url


def quiet_hours(text: str) -> tuple[int, int]:
    """"22:00-07:00" as minutes after midnight, (1320, 420)."""
    start, end = (part.strip().split(":") for part in text.split("-"))
    return int(start[0]) * 60 + int(start[1]), int(end[0]) * 60 + int(end[1])


class Config:
    def __init__(self, instance: Path = INSTANCE):
        self.INSTANCE_PATH = str(instance)
        self.SECRET_KEY = _secret_key(instance)
        self.SQLALCHEMY_DATABASE_URI = os.environ.get(
            "DATABASE_URL", f"sqlite:///{instance / 'cunli.db'}"
        )
        self.REDIS_URL = os.environ.get(
            "REDIS_URL", f"unix://{embedded_redis_socket(instance)}"
        )
        # Login throttling counts in Redis, so several web processes share one count.
        self.RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or limiter_storage(self.REDIS_URL)
        # Served over HTTPS (every county behind nginx): cookies only travel encrypted.
        secure = os.environ.get("SECURE_COOKIES", "0") == "1"
        self.SESSION_COOKIE_SECURE = self.REMEMBER_COOKIE_SECURE = secure
        self.PAGE_CACHE_ENTRIES = int(os.environ.get("PAGE_CACHE_ENTRIES", self.PAGE_CACHE_ENTRIES))
        self.PAGE_CACHE_SECONDS = float(os.environ.get("PAGE_CACHE_SECONDS", self.PAGE_CACHE_SECONDS))
        # SMS through the county's gateway (SMS_SENDER=http), else written to the log.
        self.SMS_SENDER = os.environ.get("SMS_SENDER", self.SMS_SENDER)
        self.SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
        # The home page's weather: typed in by the village or township ("entered"), or read from
        # a weather service (WEATHER_PROVIDER=http, WEATHER_URL with {region}: circle/weather.py).
        self.WEATHER_PROVIDER = os.environ.get("WEATHER_PROVIDER", "entered")
        self.WEATHER_URL = os.environ.get("WEATHER_URL", "")
        self.SMS_GATEWAY_KEY = os.environ.get("SMS_GATEWAY_KEY", "")
        self.SMS_TEMPLATE = os.environ.get("SMS_TEMPLATE", self.SMS_TEMPLATE)
        if os.environ.get("QUIET_HOURS"):  # "22:00-07:00"; "0:00-0:00": none
            self.QUIET_HOURS_DEFAULT = quiet_hours(os.environ["QUIET_HOURS"])

    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    # Pages live long in the offline cache, so a form's CSRF token must not expire.
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_HEADERS = ["X-CSRFToken"]
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 90  # villagers stay logged in for a season
    BABEL_DEFAULT_LOCALE = "zh_Hans_CN"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = {"zh_Hans_CN": "中文", "en": "English"}
    # A report may carry six photos, a voice note and a short video (each checked by size).
    MAX_CONTENT_LENGTH = 48 * 1024 * 1024
    # A photo claiming more pixels than this is refused before it is decoded.
    MAX_IMAGE_PIXELS = 50_000_000
    # Static URLs carry a hash of the file (?v=…), so phones may keep them for a year.
    SEND_FILE_MAX_AGE_DEFAULT = 365 * 24 * 3600
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_MIN_SIZE = 256
    # Pages are compressed as they are sent: brotli 5 makes a page 11 % smaller than the
    # default 4 for the same CPU (0.5 ms); 11 would cost 40 times that.
    COMPRESS_BR_LEVEL = 5
    COMPRESS_REGISTER = True
    COMPRESS_MIMETYPES = [
        "text/html", "text/css", "text/plain", "application/javascript",
        "text/javascript", "application/json", "application/manifest+json",
        "image/svg+xml",
    ]
    PASSWORD_HASH_METHOD = "scrypt"
    # Pages kept per web process (page_cache.py), and for how long at most: a kept page also
    # shows the time left on a case, so it is made again after a minute.
    PAGE_CACHE_ENTRIES = 4000
    PAGE_CACHE_SECONDS = 60
    # Redis away for a moment: count in memory rather than refuse every login.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = False
    # The worker is reported down when no RQ worker has sent a heartbeat for this long.
    WORKER_STALE_SECONDS = 120
    SMS_SENDER = "log"  # "http": the county's SMS gateway (notifications/senders.py HttpSmsSender)
    SMS_TEMPLATE = "【村里】{title}：{body}"
    # Supports a topic needs before it can go to the screening vote, until the village sets its own.
    TOPIC_SUPPORT_THRESHOLD = 10
    # How often a meeting's page asks for new lines of the live minutes (htmx polling).
    MEETING_POLL_SECONDS = 10
    # Quiet hours for whoever has not chosen their own (minutes after midnight, Beijing): SMS
    # waits until they end, unless it is urgent. Equal values: no quiet hours.
    QUIET_HOURS_DEFAULT = (22 * 60, 7 * 60)


class TestConfig(Config):
    TESTING = True
    # Hashing with scrypt for every demo login would make the suite crawl; tests check logic.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    RATELIMIT_ENABLED = False  # the limit has its own test, which turns it on
    # The suite runs at any hour: SMS goes at once unless a test sets quiet hours itself.
    QUIET_HOURS_DEFAULT = (0, 0)

    def __init__(self, instance: Path = INSTANCE):
        super().__init__(instance)
        self.RATELIMIT_STORAGE_URI = "memory://"  # the Redis test has its own server
