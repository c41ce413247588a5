"""Feed, notice list and search at Ninghai scale: 363 villages, 180,000 villagers, 252,000
households and 100,000 notices, made by `flask generate-county`."""
import random
import re
import time

import brotli
from sqlalchemy import select

from webapp.accounts.models import User
from webapp.extensions import db
from webapp.regions.generator import generate_county

from .demo_app import demo_app
from .report import figure, p95

QUERIES = ["村道硬化", "路灯", "垃圾分类 公示", "医保缴费", "财务收支", "防汛检查 工程"]


def _login(client, phone):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"phone": phone, "password": "x", "csrf_token": token})


def run(database_url=None, label="sqlite"):
    app = demo_app(database_url)
    app.config["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:1000"
    started = time.perf_counter()
    with app.app_context():
        county = generate_county(log=lambda line: print(f"  {line}"))
        print(f"county generated in {time.perf_counter() - started:.0f} s")
        rng = random.Random(3)
        villages = rng.sample(county["villages"], 20)
        phones = [db.session.scalar(select(User.phone).where(User.village_id == v)) for v in villages]
        # The generated villagers share one unknown password: give the sampled ones a real one.
        from webapp.accounts.services import hash_password

        for phone in phones:
            db.session.execute(User.__table__.update().where(User.phone == phone)
                               .values(password_hash=hash_password("x")))
        db.session.commit()
    with app.app_context():
        from webapp.disclosures.models import Disclosure

        newest = db.session.scalar(select(Disclosure.id).where(Disclosure.region_id == villages[0])
                                   .order_by(Disclosure.id.desc()))
    # For the served benchmarks (bench/browser.py, bench/load.py): a villager who can log in.
    app.config["BENCH_VILLAGER"] = {"phone": phones[0], "password": "x", "notice": newest or 1}
    feed, lists, searches, sizes = [], [], [], []
    for village, phone in zip(villages, phones, strict=True):
        client = app.test_client()
        _login(client, phone)
        for url, bucket in (("/notices", feed), (f"/places/{village}", lists), ("/", feed)):
            for _ in range(5):
                t = time.perf_counter()
                response = client.get(url, headers={"Accept-Encoding": "br"})
                bucket.append((time.perf_counter() - t) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            sizes.append(len(response.data))
        for query in QUERIES:
            t = time.perf_counter()
            response = client.get("/notices", query_string={"q": query})
            searches.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200
    figure(f"feed_p95_county_{label}", round(p95(feed), 1), "ms", "<=", 50)
    figure(f"notice_list_p95_county_{label}", round(p95(lists), 1), "ms", "<=", 50)
    figure(f"search_p95_county_{label}", round(p95(searches), 1), "ms", "<=", 100)
    figure(f"notice_pages_max_compressed_county_{label}", round(max(sizes) / 1024, 2), "KB", "<=", 14)
    _ = brotli  # the sizes above are brotli-compressed bytes
    return app
