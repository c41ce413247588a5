"""Page weight (compressed bytes) and server time for the foundation's pages, per role."""
import re
import time

import brotli

from .demo_app import demo_app
from .report import figure, p95

PAGES = {
    None: ["/", "/login", "/signup", "/offline"],
    "13800000005": ["/", "/me", "/manage"],
    "13800000007": ["/verify"],
    "13800000003": ["/admin/regions", "/admin/people", "/admin/audit", "/verify/party"],
}
CASE_PAGES = {
    "13800000005": ["/cases", "/cases/new", "/cases/1", "/inbox"],
    "13800000004": ["/cases/queue", "/cases/1"],
    "13800000002": ["/cases/stats", "/cases/1"],
}
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')
BR = {"Accept-Encoding": "br"}


def _login(client, phone):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"phone": phone, "password": "demo1234", "csrf_token": token})


def _weigh(app, pages) -> tuple[int, list[float]]:
    largest, times = 0, []
    for phone, urls in pages.items():
        client = app.test_client()
        if phone:
            _login(client, phone)
        for url in urls:
            for _ in range(30):
                started = time.perf_counter()
                response = client.get(url, headers=BR, follow_redirects=True)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            largest = max(largest, len(response.data))
    return largest, times


def run():
    app = demo_app()
    largest, times = _weigh(app, PAGES)
    case_largest, case_times = _weigh(app, CASE_PAGES)
    figure("page_html_max_compressed", round(max(largest, case_largest) / 1024, 2), "KB", "<=", 14)
    figure("case_pages_max_compressed", round(case_largest / 1024, 2), "KB", "<=", 14)
    figure("page_server_p95_demo_sqlite", round(p95(times + case_times), 2), "ms", "<=", 50)

    client = app.test_client()
    page = client.get("/login", headers=BR)
    total = len(page.data)
    for asset in set(ASSET.findall(brotli.decompress(page.data).decode())):
        total += len(client.get(asset.replace("&amp;", "&"), headers=BR).data)
    figure("first_visit_total_compressed", round(total / 1024, 2), "KB", "<=", 45)


IMAGE = re.compile(r'<img[^>]+src="(/[^"]+)"')


def lesson_first_views(app) -> list[tuple[str, int]]:
    """Each lesson page of the demo as a first view: its HTML, every asset it names and every
    picture it shows, compressed as sent (audio and video are not fetched until played)."""
    from sqlalchemy import select

    from webapp.classes.models import Lesson
    from webapp.extensions import db

    with app.app_context():
        ids = list(db.session.scalars(select(Lesson.id)))
    client, weights = app.test_client(), []
    _login(client, "13800000005")
    for lesson_id in ids:
        page = client.get(f"/classes/{lesson_id}", headers=BR)
        html = brotli.decompress(page.data).decode()
        total = len(page.data) + sum(len(app.test_client().get(a.replace("&amp;", "&"), headers=BR).data)
                                     for a in set(ASSET.findall(html)))
        total += sum(len(client.get(src).data) for src in set(IMAGE.findall(html)))
        weights.append((f"/classes/{lesson_id}", total))
    return weights


def lessons():
    """The services hall's classes: the heaviest lesson's first view (pictures are resized on
    the server to 640 px; audio of at most 64 kbit/s starts only when played)."""
    weights = lesson_first_views(demo_app())
    url, heaviest = max(weights, key=lambda w: w[1])
    print(f"  heaviest lesson first view: {url}")
    figure("lesson_first_view_max_compressed", round(heaviest / 1024, 2), "KB", "<=", 100)
