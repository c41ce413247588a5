"""The home page's weather and pinned safety tips, in the one statement the home page spends
on them; the weather service behind WEATHER_PROVIDER=http, tested against a local fake that
answers, then fails (the entered weather stands in)."""
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from webapp.circle.weather import EnteredWeather, HttpWeather

from ..client import page_text


def test_the_home_page_shows_the_entered_weather_and_the_township_s_pinned_tip(login):
    page = page_text(login("13800000005").get("/"))
    assert "多云转小雨 12-18℃" in page and "台风“海葵”预计周五夜间登陆" in page
    assert "冬季用火安全提醒" not in page  # a tip not pinned stays in the news


def test_a_village_of_another_township_sees_neither(login):
    page = page_text(login("13800000010").get("/"))
    assert "多云转小雨" not in page and "海葵" not in page


@pytest.fixture
def weather_service():
    """A local weather service: answers {"text": …} for each region code, until told to fail."""
    state = {"fail": False, "asked": []}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            state["asked"].append(self.path)
            if state["fail"]:
                self.send_response(503)
                self.end_headers()
                return
            body = json.dumps({"text": f"晴 20-28℃ {self.path.rsplit('/', 1)[-1]}"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/weather/{{region}}", state
    server.shutdown()


def test_the_weather_service_is_read_once_per_half_hour_and_the_entered_weather_stands_in(app, weather_service):
    url, state = weather_service
    service = HttpWeather(url)
    assert service.today(["QS", "QS-DX", "QS-DX-DA"], []) == "晴 20-28℃ QS-DX-DA"
    assert service.today(["QS", "QS-DX", "QS-DX-DA"], []) == "晴 20-28℃ QS-DX-DA"
    assert len(state["asked"]) == 1  # kept
    state["fail"] = True

    class Entered:
        title, created_at = "多云（村里填的）", __import__("webapp.database", fromlist=["utcnow"]).utcnow()

    assert service.today(["QS", "QS-NS", "QS-NS-SX"], [Entered()]) == "多云（村里填的）"
    assert EnteredWeather().today([], []) == ""


def test_the_setting_chooses_the_service(app, weather_service):
    from webapp.circle import weather

    url, _state = weather_service
    app.config.update(WEATHER_PROVIDER="http", WEATHER_URL=url)
    assert isinstance(weather.provider(), HttpWeather)
    app.config.update(WEATHER_PROVIDER="entered")
    assert type(weather.provider()) is EnteredWeather
