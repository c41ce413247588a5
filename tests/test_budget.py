"""The weight budget: every page's HTML ≤ 14 KB compressed (one TCP round trip on a slow
link) and a first visit, with every asset the page pulls in, ≤ 45 KB."""
import re

import pytest

from webapp.accounts.models import User
from webapp.audit.services import record
from webapp.extensions import db
from webapp.regions.queries import region_by_code

from .client import page_text
from .test_route_walk import targets

PAGE_BUDGET = 14 * 1024
FIRST_VISIT_BUDGET = 45 * 1024
BR = {"Accept-Encoding": "br"}


@pytest.fixture
def busy_village(app):
    """东岙村 with 120 more villagers waiting for verification and a long audit trail, so the
    lists are full pages."""
    village, group = region_by_code("QS-DX-DA"), region_by_code("QS-DX-DA-G1")
    for n in range(120):
        user = User(phone=f"139{n:08d}", name=f"村民{n:03d}号", password_hash="x",
                    village_id=village.id, group_id=group.id)
        db.session.add(user)
        db.session.flush()
        record(user, "account.signup", user, region=village)
    db.session.commit()


def compressed_size(response) -> int:
    assert response.headers.get("Content-Encoding") == "br" or len(response.data) < 256
    return len(response.data)


@pytest.mark.parametrize("phone", [None, "13800000001", "13800000003", "13800000005"])
def test_every_page_fits_in_14_kb_compressed(app, client, busy_village, fake_redis, phone):
    if phone:
        client.login(phone)
    ids = targets("QS-DX-DA")
    measured = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        url = rule.build({k: v for k, v in ids["args"].items() if k in rule.arguments},
                         append_unknown=False)[1] + f"?region={ids['query']['region']}"
        response = client.get(url, headers=BR)
        if response.status_code == 200 and response.mimetype == "text/html":
            measured[url] = compressed_size(response)
    assert len(measured) >= 4
    too_big = {url: size for url, size in measured.items() if size > PAGE_BUDGET}
    assert not too_big, too_big
    print(f"\nlargest page as {phone}: {max(measured.values())} bytes ({max(measured, key=measured.get)})")


ASSET = re.compile(r'(?:href|src)="(/static/[^"]+|/manifest\.webmanifest)"')


@pytest.mark.parametrize("url", ["/", "/login"])
def test_a_first_visit_with_all_its_assets_fits_in_45_kb(client, url):
    page = client.get(url, headers=BR)
    total = compressed_size(page)
    html = page_text(page)
    assets = sorted(set(ASSET.findall(html)))
    assert "<style>" in html and not any(a.endswith(".css") for a in assets)  # inline: one round trip
    assert any("shell.js" in a for a in assets)  # htmx and ours
    for asset in assets:
        response = client.get(asset.replace("&amp;", "&"), headers=BR)
        assert response.status_code == 200, asset
        total += len(response.data)
    print(f"\nfirst visit to {url}: {total} bytes in {len(assets) + 1} files")
    assert total <= FIRST_VISIT_BUDGET
