"""Every main page at phone size (360×740): nothing wider than the screen, tap targets big
enough for old fingers. The screenshots land in test-artifacts/screenshots/ to be looked at."""
from pathlib import Path

import pytest

from .conftest import log_in

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

PAGES = [
    (None, "/", "welcome"),
    (None, "/login", "login"),
    (None, "/signup", "signup"),
    ("13800000005", "/", "home-villager"),
    ("13800000011", "/", "home-unverified"),
    ("13800000005", "/me", "profile"),
    ("13800000007", "/verify", "verification-queue"),
    ("13800000007", "/verify/{newcomer}", "verify-person"),
    ("13800000003", "/manage", "manage"),
    ("13800000003", "/admin/regions", "admin-region"),
    ("13800000003", "/admin/people/{newcomer}", "admin-person"),
    ("13800000001", "/admin/audit", "audit-log"),
    ("13800000005", "/cases", "cases"),
    ("13800000005", "/cases/new", "report-form"),
    ("13800000005", "/cases/{lamp}", "case-timeline"),
    ("13800000003", "/cases/{lamp}", "case-village-actions"),
    ("13800000004", "/cases/{bridge}", "case-grid-actions"),
    ("13800000004", "/cases/queue", "grid-queue"),
    ("13800000002", "/cases/stats", "stats"),
    ("13800000002", "/cases/desk", "desk-phone"),
    ("13800000002", "/cases/overdue", "overdue-phone"),
    ("13800000005", "/inbox", "inbox"),
    ("13800000005", "/notices", "notices-feed"),
    ("13800000005", "/notices/{notice}", "notice"),
    ("13800000005", "/finance/{period}", "finance-table"),
    ("13800000005", "/powers/matters/{matter}", "procedure-trail"),
    ("13800000005", "/mailbox", "mailbox"),
    ("13800000003", "/finance/manage", "finance-manage"),
    ("13800000005", "/points", "my-points"),
    ("13800000005", "/points/rules", "point-rules"),
    ("13800000003", "/points/award", "award-points"),
    ("13800000005", "/points/claims", "good-deed-claims"),
    ("13800000003", "/points/claims/review", "review-claims"),
    ("13800000005", "/store", "store"),
    ("13800000005", "/store/orders/{order}", "store-order"),
    ("13800000008", "/store/counter?code={code}", "store-counter"),
    ("13800000003", "/store/manage", "store-manage"),
    ("13800000005", "/points/teams", "team-points"),
    ("13800000005", "/points/village", "village-ranking"),
    ("13800000005", "/points/reports/{report}", "monthly-report"),
    ("13800000003", "/points/stars", "service-stars"),
    ("13800000005", "/me/notifications", "message-settings"),
    ("13800000003", "/broadcasts/new", "broadcast-form"),
    ("13800000005", "/deliberation", "deliberation-villager"),
    ("13800000003", "/deliberation", "deliberation-cadre"),
    ("13800000005", "/topics/{topic}", "topic"),
    ("13800000005", "/votes/{screening}", "screening-vote-open"),
    ("13800000005", "/votes/{decision}", "decision-vote-closed"),
    ("13800000005", "/draws?village={village}", "draws"),
    ("13800000005", "/draws/{draw}", "draw-finished"),
    ("13800000003", "/draws/new", "draw-start"),
    ("13800000005", "/meetings/{meeting}", "meeting-finished"),
    ("13800000003", "/meetings/new", "meeting-plan"),
    ("13800000005", "/tasks/{task}", "task"),
    ("13800000002", "/deliberation/overview", "hot-topics-township"),
    ("13800000002", "/evaluation/dashboard", "dashboard-township"),
    ("13800000001", "/evaluation/dashboard", "dashboard-county"),
    ("13800000002", "/evaluation", "league-tables"),
    ("13800000002", "/evaluation/tables/{table}", "league-table"),
    ("13800000004", "/evaluation/survey", "survey"),
    ("13800000002", "/evaluation/survey/{dongao}", "survey-comments"),
    (None, "/hall", "hall-visitor"),
    ("13800000005", "/hall", "hall"),
    ("13800000005", "/hall/guides/{guide}", "hall-guide"),
    ("13800000005", "/hall/ask?guide={guide}&kind=visit", "hall-ask"),
    ("13800000005", "/hall/requests/{service_request}", "hall-request-rated"),
    ("13800000022", "/hall/requests/{scheduled_request}", "hall-request-handler"),
    ("13800000005", "/hall/team", "hall-team"),
    ("13800000003", "/hall/manage", "hall-manage"),
    ("13800000003", "/hall/team/new", "hall-member-form"),
    ("13800000001", "/hall/guides/{guide}/edit", "hall-guide-form"),
    ("13800000005", "/classes", "classes"),
    ("13800000005", "/classes/{lesson}", "lesson"),
    ("13800000001", "/classes/new?region={county}", "lesson-form"),
    ("13800000003", "/classes/party", "party-study"),
    ("13800000023", "/care", "care-register"),
    ("13800000004", "/care/{care_person}", "care-record"),
    ("13800000023", "/care/new", "care-form"),
    ("13800000002", "/care/overview", "care-counts"),
    ("13800000005", "/circle", "circle-feed"),
    ("13800000005", "/circle?scope=township&category=products", "circle-products"),
    ("13800000005", "/circle/posts/{circle_post}", "circle-post"),
    ("13800000005", "/circle/people/{shopkeeper}", "name-card"),
    ("13800000005", "/circle/new", "circle-new-post"),
    ("13800000005", "/circle/posts/{circle_post}/report", "report-abuse"),
    ("13800000003", "/circle/moderation", "moderation-queue"),
    ("13800000007", "/circle/posts/{hidden_post}", "hidden-post-appeal"),
    ("13800000005", "/circle/activities/{activity}", "activity-signup"),
    ("13800000004", "/circle/activities/{activity}", "activity-organiser"),
    ("13800000004", "/circle/activities/{activity}/qr", "activity-qr"),
    ("13800000005", "/circle/activities/{activity}/checkin?code={checkin_code}", "activity-checkin"),
    ("13800000005", "/circle/news", "local-news"),
]

# Controls smaller than this (CSS px) are too small for an elderly villager's finger: buttons,
# fields, and links that stand alone (breadcrumbs, "完整月报", back links). A link inside a
# sentence is exempt, as in WCAG 2.5.8: its line is as tall as the text around it.
SMALL_TARGETS = """() => {
  const controls = 'a, button, input, select, textarea, summary';
  const inSentence = (e) => {
    if (e.tagName !== 'A' || !e.parentElement || ['TD', 'DD', 'TH'].includes(e.parentElement.tagName)) return false;
    const parent = e.parentElement.cloneNode(true);
    parent.querySelectorAll(controls).forEach((c) => c.remove());
    return parent.textContent.replace(/[\\s›>·|/，、：:]/g, '').length >= 6;
  };
  return [...document.querySelectorAll('main a, main button, main input, main select, main summary, nav a')]
    .filter(e => e.offsetParent !== null && !e.closest('label.choice, label.tile, .check') && !inSentence(e))
    .filter(e => !(e.type === 'checkbox' || e.type === 'radio' || e.type === 'hidden'))
    .map(e => [e.outerHTML.slice(0, 80), Math.round(e.getBoundingClientRect().height)])
    .filter(([_, h]) => h < 44);
}"""


def case_id(words):
    from sqlalchemy import select

    from webapp.cases.models import Case
    from webapp.extensions import db

    found = db.session.scalar(select(Case.id).where(Case.text.contains(words)))
    db.session.commit()
    return found


def first_ids():
    from sqlalchemy import select

    from webapp.disclosures.models import Disclosure
    from webapp.extensions import db
    from webapp.finance.models import FinancePeriod
    from webapp.points.models import PointReport, StoreOrder
    from webapp.powers.models import Matter

    order = db.session.scalar(select(StoreOrder))
    found = dict(notice=db.session.scalar(select(Disclosure.id).where(Disclosure.section == "major")),
                 period=db.session.scalar(select(FinancePeriod.id)), matter=db.session.scalar(select(Matter.id)),
                 order=order.id, code=order.code,
                 report=db.session.scalar(select(PointReport.id).order_by(PointReport.id)),
                 **deliberation_ids(), **evaluation_ids(), **service_ids(), **circle_ids())
    db.session.commit()
    return found


def deliberation_ids():
    """The demo's finished loop in 东岙村 (its topic, draw, meeting, closed decision vote and a
    task) and the screening vote open now."""
    from sqlalchemy import select

    from webapp.deliberation.models import Draw, Meeting, Task, Vote
    from webapp.extensions import db
    from webapp.regions.queries import region_by_code

    meeting = db.session.scalar(select(Meeting).order_by(Meeting.id))
    return dict(topic=meeting.topic_id, meeting=meeting.id, draw=db.session.scalar(select(Draw.id)),
                task=db.session.scalar(select(Task.id).order_by(Task.id)),
                screening=db.session.scalar(select(Vote.id).where(Vote.kind == "screening", Vote.status == "open")),
                decision=db.session.scalar(select(Vote.id).where(Vote.kind == "decision")),
                village=region_by_code("QS-DX-DA").id)


def circle_ids():
    """The demo circle: the 杨梅干 post (photos, comments), the shopkeeper, the hidden post with
    its appeal, the clean-up activity (full, with a waiting list)."""
    from sqlalchemy import select

    from webapp.accounts.queries import user_by_phone
    from webapp.circle.models import Activity, Post
    from webapp.extensions import db

    activity = db.session.scalar(select(Activity).where(Activity.title == "周六溪边清理垃圾"))
    found = dict(circle_post=db.session.scalar(select(Post.id).where(Post.text.contains("杨梅干"))),
                 hidden_post=db.session.scalar(select(Post.id).where(Post.status == "hidden")),
                 shopkeeper=user_by_phone("13800000008").id, activity=activity.id, checkin_code=activity.checkin_code)
    db.session.commit()
    return found


def service_ids():
    """The demo's hall, classes and care register: a county guide, a rated and a scheduled
    request, a lesson, 陈阿婆's record."""
    from sqlalchemy import select

    from webapp.care.models import CarePerson
    from webapp.classes.models import Lesson
    from webapp.extensions import db
    from webapp.hall.models import ServiceGuide, ServiceRequest
    from webapp.regions.queries import region_by_code

    found = dict(guide=db.session.scalar(select(ServiceGuide.id).where(ServiceGuide.title == "身份证补领（丢失）")),
                 service_request=db.session.scalar(select(ServiceRequest.id).where(ServiceRequest.status == "rated")),
                 scheduled_request=db.session.scalar(select(ServiceRequest.id).where(ServiceRequest.status == "scheduled")),
                 lesson=db.session.scalar(select(Lesson.id).where(Lesson.title == "高血压：每天要做的三件事")),
                 care_person=db.session.scalar(select(CarePerson.id).where(CarePerson.name == "陈阿婆")),
                 county=region_by_code("QS").id)
    db.session.commit()
    return found


def evaluation_ids():
    """The township's newest monthly table (the demo's history made it) and 东岙村."""
    from sqlalchemy import select

    from webapp.evaluation.models import LeagueTable
    from webapp.extensions import db
    from webapp.regions.queries import region_by_code

    township = region_by_code("QS-DX")
    found = dict(table=db.session.scalar(select(LeagueTable.id).where(
        LeagueTable.region_id == township.id, LeagueTable.period == "month").order_by(LeagueTable.label.desc())),
        dongao=region_by_code("QS-DX-DA").id)
    db.session.commit()  # the test's transaction begins as a writer: end it before the server writes
    return found


@pytest.mark.parametrize("who, path, name", PAGES)
def test_page_fits_a_phone_screen(phone, person, who, path, name):
    if who:
        log_in(phone, who)
    phone.goto(path.format(newcomer=person("13800000011").id, lamp=case_id("路灯"), bridge=case_id("石桥"),
                           **first_ids()))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.evaluate(SMALL_TARGETS) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
