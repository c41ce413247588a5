"""Where a home page's weather comes from (WEATHER_PROVIDER): "entered" (the default) — the
newest weather a village's cadre or the township typed today; "http" — a weather service at
WEATHER_URL (with {region} for the region's code) answering JSON {"text": "多云 18-24℃"}, kept
half an hour per region, falling back to the entered weather when it fails. A provider is one
class with one method: a county with another service writes another class."""
import json
import threading
import time
import urllib.request
from datetime import timedelta

from flask import current_app

from ..database import utcnow
from ..i18n import BEIJING


class EnteredWeather:
    def today(self, region_codes: list[str], entered: list) -> str:
        """`entered`: the weather rows of the village and its township, newest first."""
        start = utcnow().astimezone(BEIJING).replace(hour=0, minute=0, second=0, microsecond=0)
        return next((row.title for row in entered if row.created_at >= start - timedelta(hours=6)), "")


class HttpWeather(EnteredWeather):
    KEEP_SECONDS = 1800

    def __init__(self, url: str, timeout: float = 2.0):
        self.url, self.timeout = url, timeout
        self._kept: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def _fetch(self, code: str) -> str:
        with urllib.request.urlopen(self.url.format(region=code), timeout=self.timeout) as answer:  # noqa: S310
            text = str(json.loads(answer.read().decode())["text"])
        return " ".join(text.split())[:60]

    def today(self, region_codes: list[str], entered: list) -> str:
        code = region_codes[-1] if region_codes else ""
        with self._lock:
            kept = self._kept.get(code)
        if kept and time.monotonic() - kept[0] < self.KEEP_SECONDS:
            return kept[1]
        try:
            text = self._fetch(code)
        except Exception as error:  # noqa: BLE001  (a weather service away must not break a home page)
            current_app.logger.warning("weather service failed (%s): %s", type(error).__name__, error)
            return super().today(region_codes, entered)
        with self._lock:
            self._kept[code] = (time.monotonic(), text)
        return text


_providers: dict = {}


def provider():
    config = current_app.config
    key = (config.get("WEATHER_PROVIDER", "entered"), config.get("WEATHER_URL", ""))
    if key not in _providers:
        _providers[key] = HttpWeather(key[1]) if key[0] == "http" and key[1] else EnteredWeather()
    return _providers[key]
