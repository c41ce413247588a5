"""Every POST without a CSRF token is refused with a Chinese message, and changes nothing."""
import pytest
from sqlalchemy import func, select

from webapp.audit.models import AuditEntry
from webapp.extensions import db

from .test_route_walk import targets

# Casting a ballot carries no cookie, hence no session and no CSRF token: the blind-signed paper
# is its only authority (webapp/deliberation/ballot_views.py). Without one it changes nothing.
NO_COOKIE = {"deliberation.cast"}


def audit_count():
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


@pytest.mark.parametrize("phone", [None, "13800000001", "13800000003"])
def test_every_post_without_a_token_is_refused_and_changes_nothing(app, client, phone):
    if phone:
        client.login(phone)
    ids = targets("QS-DX-DA")
    before = audit_count()
    posts = [r for r in app.url_map.iter_rules() if "POST" in r.methods]
    assert len(posts) >= 10
    for rule in posts:
        url = rule.build({k: v for k, v in ids["args"].items() if k in rule.arguments},
                         append_unknown=False)[1]
        response = client.post(url, {"name": "改名", "active": "0", "decision": "approve",
                                     "lang": "en", "phone": "13800000005",
                                     "password": "demo1234"}, csrf=False)
        if rule.endpoint in NO_COOKIE:
            assert response.status_code == 422, rule.endpoint
            continue
        assert response.status_code == 400, rule.endpoint
        assert "页面已过期或来源不明" in response.get_data(as_text=True), rule.endpoint
    assert audit_count() == before
    if phone:  # still logged in: the logout without a token did nothing either
        assert client.get("/me").status_code == 200
