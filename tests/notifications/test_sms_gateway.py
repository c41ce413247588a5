"""SMS through an HTTP gateway, tested against a local fake gateway: a gateway that fails twice
and then accepts gets the message once; a gateway that took the message but whose answer was
lost is asked again with the same id and does not send it twice."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.notifications.models import OutboxMessage, SmsMessage
from webapp.notifications.services import deliver_pending, notify


class FakeGateway(BaseHTTPRequestHandler):
    """Deduplicates by the client message id, as real gateways do; fails as it is told."""
    failures_left = 0
    lose_answers_left = 0
    sent: dict = {}
    requests = 0

    def do_POST(self):  # noqa: N802 (http.server's name)
        cls = type(self)
        cls.requests += 1
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        assert self.headers["Authorization"] == "Bearer secret-key"
        if cls.failures_left:
            cls.failures_left -= 1
            self.send_response(503)
            self.end_headers()
            return
        cls.sent.setdefault(body["id"], body)  # a repeated id is not sent again
        if cls.lose_answers_left:  # sent, but the answer never reaches us
            cls.lose_answers_left -= 1
            self.send_response(500)
            self.end_headers()
            return
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(app):
    FakeGateway.failures_left, FakeGateway.lose_answers_left, FakeGateway.sent, FakeGateway.requests = 0, 0, {}, 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    deliver_pending()  # what the demo left in the outbox goes by the log sender first
    app.config.update(SMS_SENDER="http", SMS_GATEWAY_URL=f"http://127.0.0.1:{server.server_port}/send",
                      SMS_GATEWAY_KEY="secret-key")
    yield FakeGateway
    server.shutdown()


def _later(title):
    """Time passes: the row's back-off is over."""
    _sms_row(title).not_before = None
    db.session.commit()


def _sms_row(title):
    return db.session.scalar(select(OutboxMessage).where(OutboxMessage.title == title, OutboxMessage.channel == "sms"))


def test_a_gateway_that_fails_twice_then_accepts_gets_the_message_once(app, person, gateway):
    gateway.failures_left = 2
    notify([person("13800000005").id], "case.test", "护栏断了", body="请尽快处理", sms=True)
    db.session.commit()
    deliver_pending()
    assert _sms_row("护栏断了").attempts == 1 and _sms_row("护栏断了").not_before is not None  # backs off
    for _ in range(2):
        _later("护栏断了")
        deliver_pending()
    row = _sms_row("护栏断了")
    assert row.status == "sent" and row.attempts == 2 and gateway.requests == 3
    assert [m["text"] for m in gateway.sent.values()] == ["【村里】护栏断了：请尽快处理"]
    assert db.session.scalar(select(SmsMessage.text).where(SmsMessage.outbox_id == row.id)) == "【村里】护栏断了：请尽快处理"


def test_a_lost_answer_is_retried_with_the_same_id_and_sent_once(app, person, gateway):
    gateway.lose_answers_left = 1
    notify([person("13800000005").id], "case.test", "桥断了", sms=True)
    db.session.commit()
    deliver_pending()
    _later("桥断了")
    deliver_pending()
    assert _sms_row("桥断了").status == "sent" and gateway.requests == 2 and len(gateway.sent) == 1
