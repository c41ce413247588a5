"""Walk every route of the URL map as each demo role and as a visitor, against objects in
东岙村 and in 西岭村, and check who is let in. A route missing from EXPECTED fails the test, so
no new route escapes the walk."""
import pytest
from sqlalchemy import select

from webapp.accounts.models import RoleMembership
from webapp.accounts.queries import user_by_phone
from webapp.cases.models import Case
from webapp.disclosures.models import Comment, Disclosure
from webapp.extensions import db
from webapp.finance.models import FinancePeriod, LedgerLine
from webapp.mailbox.models import Letter
from webapp.notifications.models import Notification
from webapp.points.models import GoodDeedClaim, PointEntry, PointReport, StoreItem, StoreOrder
from webapp.powers.models import Matter, Procedure
from webapp.regions.queries import region_by_code

PHONES = [f"138000000{n:02d}" for n in range(1, 12)]
ANON = None
EVERYONE = {ANON, *PHONES}
SIGNED_IN = set(PHONES)
# Verified members of 东岙村 and those over it: 6 and 10 live elsewhere, 11 is not verified.
MEMBERS = SIGNED_IN - {"13800000006", "13800000010", "13800000011"}
# Verified people living in 东岙村 (the demo's county and township staff live there too): who
# may take a ballot paper for one of its votes.
PAPER_TAKERS = MEMBERS


def only(*numbers):
    return {f"138000000{n:02d}" for n in numbers}


# endpoint → (who gets in when the object is in 东岙村, … when it is in 西岭村)
EXPECTED = {
    "shell.home": (EVERYONE, EVERYONE),
    "shell.offline": (EVERYONE, EVERYONE),
    "shell.manifest": (EVERYONE, EVERYONE),
    "shell.service_worker": (EVERYONE, EVERYONE),
    "shell.healthz": (EVERYONE, EVERYONE),
    "shell.switch_language": (EVERYONE, EVERYONE),
    "shell.manage": (SIGNED_IN, SIGNED_IN),
    "accounts.login": (EVERYONE, EVERYONE),
    "accounts.logout": (EVERYONE, EVERYONE),
    "accounts.signup": (EVERYONE, EVERYONE),
    "accounts.signup_groups": (EVERYONE, EVERYONE),
    "accounts.me": (SIGNED_IN, SIGNED_IN),
    "accounts.rename": (SIGNED_IN, SIGNED_IN),
    "accounts.change_password": (SIGNED_IN, SIGNED_IN),
    "accounts.claim_party": (SIGNED_IN, SIGNED_IN),
    # A card: fellow villagers, the person, and role holders whose region holds the village.
    "accounts.card": (SIGNED_IN - only(6, 10), only(1, 2, 6, 9)),
    "accounts.verify_queue": (only(1, 3, 4, 7), only(1, 3, 4, 7)),
    "accounts.verify_person": (only(1, 3, 4, 7), only(1)),
    "accounts.refuse_person": (only(1, 3, 4, 7), only(1)),
    "accounts.party_queue": (only(3), only(3)),
    "accounts.decide_party": (only(3), set()),
    "accounts.admin_people": (only(1, 3), only(1)),
    "accounts.admin_person": (only(1, 3), only(1)),
    "accounts.grant_role": (only(1, 3), only(1)),
    "accounts.revoke_role": (only(1, 3), only(1)),
    "accounts.reset_password": (only(1, 3), only(1)),
    "accounts.set_active": (only(1, 3), only(1)),
    "regions.admin_home": (only(1, 3), only(1, 3)),
    "regions.admin_region": (only(1, 3), only(1)),
    "regions.add_child": (only(1, 3), only(1)),
    "regions.rename": (only(1, 3), only(1)),
    "audit.log": (only(1, 2, 3), only(1, 2)),
    # Reports. The target is a private report of a villager: only the reporter and those on
    # its way up the ladder see it; only the grid worker of its grid acts on it now.
    "cases.index": (SIGNED_IN, SIGNED_IN),
    "cases.new": (SIGNED_IN, SIGNED_IN),
    "cases.show": (only(1, 2, 3, 4, 5), only(1, 2, 6)),
    "cases.attachment": (only(1, 2, 3, 4, 5), set()),  # the 西岭村 report has no photo
    "cases.act_answer": (only(4), set()),
    "cases.act_to_village": (only(4), set()),
    "cases.act_to_township": (only(4), set()),
    "cases.act_assign": (only(4), set()),
    "cases.act_dispatch": (only(4), set()),
    "cases.act_resolve": (only(4), set()),
    "cases.act_send_back": (only(4), set()),
    "cases.act_rate": (only(5), only(6)),
    "cases.start_mediation": (set(), set()),  # not a dispute
    "cases.mediation_session": (set(), set()),  # no mediation on it
    "cases.mediation_settle": (set(), set()),
    "cases.mediation_fail": (set(), set()),
    "cases.mediation_lawyer": (set(), set()),
    "cases.queue": (only(1, 2, 3, 4, 9), only(1, 2, 3, 4, 9)),
    "cases.stats": (only(1, 2, 3), only(1, 2)),
    # The desk lists the region of whoever asks: the county, the township, the village team.
    "cases.desk": (only(1, 2, 3), only(1, 2, 3)),
    "cases.overdue": (only(1, 2, 3), only(1, 2, 3)),
    "cases.settings": (only(1), only(1)),
    "notifications.inbox": (SIGNED_IN, SIGNED_IN),
    "notifications.open_notification": (only(5), only(5)),
    "notifications.read_all": (SIGNED_IN, SIGNED_IN),
    # Transparency. The target is the village's members-only finance notice.
    "disclosures.feed": (SIGNED_IN, SIGNED_IN),
    "disclosures.account": (EVERYONE, EVERYONE),
    "disclosures.show": (MEMBERS, only(1, 2, 6, 9)),
    "disclosures.print_view": (MEMBERS, only(1, 2, 6, 9)),
    "disclosures.attachment": (MEMBERS, set()),  # 西岭村's has no file
    "disclosures.like": (MEMBERS, only(1, 2, 6, 9)),
    "disclosures.comment": (MEMBERS, only(1, 2, 6, 9)),
    "disclosures.add_progress": (only(3), set()),
    "disclosures.hide_comment": (only(3), set()),
    "disclosures.publish": (only(1, 2, 3), only(1, 2, 3)),
    # The secretary mailbox. The target is a private letter of the village.
    "mailbox.index": (SIGNED_IN - only(6, 10), only(1, 2, 6)),
    "mailbox.write": (SIGNED_IN, SIGNED_IN),
    "mailbox.overview": (only(1, 2, 3), only(1, 2, 3)),
    "mailbox.show": (only(1, 2, 3, 11), only(1, 2, 6)),
    "mailbox.answer": (only(3), set()),
    "mailbox.attachment": (set(), set()),  # the private letters have no photo
    # Village finances. 西岭村 has published nothing (its period does not exist).
    "finance.index": (MEMBERS, only(1, 2, 6, 9)),
    "finance.register": (MEMBERS, only(1, 2, 6, 9)),
    "finance.period": (MEMBERS, set()),
    "finance.print_period": (MEMBERS, set()),
    "finance.manage": (only(3), set()),
    "finance.add_line": (only(3), set()),
    "finance.publish_period": (only(3), set()),
    "finance.add_register_item": (only(3), set()),
    "finance.preview_import": (only(3), set()),
    "finance.confirm_import": (only(3), set()),
    "finance.receipt": (MEMBERS, set()),
    # The micro-power list (walked by POST: writing is for the village cadres only;
    # 西岭村 has no procedure).
    "powers.index": (only(3), set()),
    "powers.procedure": (only(3), set()),
    "powers.matter": (only(3), set()),
    # Points: everyone sees their own; village cadres and group leaders award and correct.
    "points.mine": (SIGNED_IN, SIGNED_IN),
    "points.rules": (SIGNED_IN, SIGNED_IN),
    "points.award": (only(3, 7), only(3, 7)),
    "points.reverse": (only(3, 7), set()),
    # Good deeds: the claimant sees their photo, the village's cadres decide (西岭村 has none).
    "points.claims": (SIGNED_IN, SIGNED_IN),
    "points.review_claims": (only(3), only(3)),
    "points.approve_claim": (only(3), set()),
    "points.reject_claim": (only(3), set()),
    "points.claim_photo": (only(3, 5), only(6)),
    # Team points, the ranking, the reports and the store are for the people of the village
    # and those over it, like its accounts.
    "points.teams": (MEMBERS, only(1, 2, 6, 9)),
    "points.village_ranking": (MEMBERS, only(1, 2, 6, 9)),
    "points.report": (MEMBERS, only(1, 2, 6, 9)),
    "points.print_report": (MEMBERS, only(1, 2, 6, 9)),
    "points.report_xlsx": (MEMBERS, only(1, 2, 6, 9)),
    "points.stars": (only(3), only(3)),
    "points.store": (MEMBERS, only(1, 2, 6, 9)),
    "points.item_photo": (MEMBERS, only(1, 2, 6, 9)),
    # Only the village's own people order from its store; an order's code is its owner's.
    "points.order_item": (SIGNED_IN - only(6, 10), only(6)),
    "points.order": (only(5), only(6)),
    "points.cancel_order": (only(5), only(6)),
    # The counter is the shopkeeper's (and the cadres') of their own village; in the 西岭村
    # walk 赵春花 keeps 西岭村's store.
    "points.counter": (only(3, 8), only(3, 6, 8)),
    "points.manage_store": (only(3), only(3)),
    "points.restock_item": (only(3), set()),
    # Draws of representatives: public to the village's people and those over it; run by its
    # cadres; each witness (东岙村: 3, 7 and 5; 西岭村: 6) takes their own steps.
    "deliberation.index": (SIGNED_IN - only(6, 10), only(1, 2, 6, 9)),
    "deliberation.show": (SIGNED_IN - only(6, 10), only(1, 2, 6, 9)),
    "deliberation.record": (SIGNED_IN - only(6, 10), only(1, 2, 6, 9)),
    "deliberation.verifier": (SIGNED_IN, SIGNED_IN),
    "deliberation.new": (only(3), only(3)),
    "deliberation.start": (only(3), only(3)),
    "deliberation.commit": (only(3, 5, 7), only(6)),
    "deliberation.reveal": (only(3, 5, 7), only(6)),
    "deliberation.public_number": (only(3), set()),
    "deliberation.cadre_step": (only(3), set()),
    # Votes: the ballot page is public like a draw; a paper only for the village's verified
    # villagers; casting is open to anyone (no cookie, no session): the paper is the authority.
    "deliberation.ballot": (SIGNED_IN - only(6, 10), only(1, 2, 6, 9)),
    "deliberation.paper": (PAPER_TAKERS, only(6)),
    "deliberation.cast": (EVERYONE, EVERYONE),
    # Topics, meetings, tasks: public like a draw; taking part (propose, support, opinions,
    # check-in, feedback) for the village's verified villagers; the rest for its cadres (西岭村
    # has none); a task's progress for its owner (东岙村: 7; 西岭村: 6) and the cadres.
    "notifications.preferences": (SIGNED_IN, SIGNED_IN),
    # Broadcasts: sent by whoever publishes for a region (the walk's is 东岙村's, sent by its
    # secretary); read by those living in it or over it.
    "notifications.new_broadcast": (only(1, 2, 3, 23), only(1, 2, 3, 23)),
    "notifications.send": (only(1, 2, 3, 23), only(1, 2, 3, 23)),
    "notifications.broadcast": (SIGNED_IN - only(6, 10), SIGNED_IN - only(6, 10)),
    "notifications.save_preferences": (SIGNED_IN, SIGNED_IN),
    "deliberation.home": (SIGNED_IN - only(6, 10), only(1, 2, 6, 9)),
    "deliberation.propose": (SIGNED_IN - only(11), SIGNED_IN - only(11)),
    "deliberation.threshold": (only(3), only(3)),
    "deliberation.open_screening": (only(3), only(3)),
    "deliberation.topic": (SIGNED_IN - only(6, 10), only(1, 2, 6, 9)),
    "deliberation.topic_attachment": (SIGNED_IN - only(6, 10), set()),
    "deliberation.support": (PAPER_TAKERS, only(6)),
    "deliberation.answer": (only(3), set()),
    "deliberation.merge": (only(3), set()),
    "deliberation.new_meeting": (only(3), set()),
    "deliberation.plan_meeting": (only(3), set()),
    "deliberation.meeting": (SIGNED_IN - only(6, 10), only(1, 2, 6, 9)),
    "deliberation.meeting_document": (SIGNED_IN - only(6, 10), set()),
    "deliberation.opinion_voice": (SIGNED_IN - only(6, 10), set()),
    "deliberation.post_opinion": (PAPER_TAKERS, only(6)),
    # A representative declines for themself (东岙村: 7; 西岭村: 6), or the cadre for them.
    "deliberation.decline": (only(3, 7), only(6)),
    "deliberation.checkin_page": (SIGNED_IN - only(6, 10), only(1, 2, 6, 9)),
    "deliberation.check_in": (PAPER_TAKERS, only(6)),
    "deliberation.write_minutes": (only(3), set()),
    "deliberation.record_speech": (only(3), set()),
    "deliberation.invite": (only(3), set()),
    "deliberation.add_document": (only(3), set()),
    "deliberation.mark_attended": (only(3), set()),
    "deliberation.open_decision": (only(3), set()),
    "deliberation.publish_resolution": (only(3), set()),
    "deliberation.add_task": (only(3), set()),
    "deliberation.meeting_step": (only(3), set()),
    "deliberation.checkin_code": (only(3), set()),
    "deliberation.task": (SIGNED_IN - only(6, 10), only(1, 2, 6, 9)),
    "deliberation.task_photo": (SIGNED_IN - only(6, 10), set()),
    "deliberation.report_progress": (only(3, 7), only(6)),
    "deliberation.give_feedback": (PAPER_TAKERS, only(6)),
    # The walk names a village: hot topics are for a township or a county (tested apart).
    "deliberation.overview": (set(), set()),
    # League tables are public notices of the township; the list and the dashboard are asked
    # for a village here, which has neither (tested apart in tests/evaluation).
    "evaluation.index": (set(), set()),
    "evaluation.dashboard_page": (set(), set()),
    "evaluation.table": (SIGNED_IN, SIGNED_IN),
    "evaluation.print_table": (SIGNED_IN, SIGNED_IN),
    "evaluation.table_xlsx": (SIGNED_IN, SIGNED_IN),
    # The survey is of one's own village: every verified villager (11 is not verified).
    "evaluation.survey": (SIGNED_IN, SIGNED_IN),
    "evaluation.answer": (SIGNED_IN - only(11), SIGNED_IN - only(11)),
    # A village's comments: the township and the county, never its own cadres.
    "evaluation.survey_comments": (only(1, 2), only(1, 2)),
    # The services hall is open to all; asking, to verified villagers (and grid workers and
    # cadres for them); a request to its villager, the village's cadres, the township and the
    # county (东岙村's is 5's, held for the legal adviser, who has no account; 西岭村's is 6's).
    "hall.index": (EVERYONE, EVERYONE),
    "hall.guide": (EVERYONE, EVERYONE),
    "hall.team": (EVERYONE, EVERYONE),
    "hall.member_photo": (set(), set()),  # the demo's team has no photos (tested apart)
    "hall.ask_form": (SIGNED_IN - only(11), SIGNED_IN - only(11)),
    "hall.ask": (SIGNED_IN - only(11), SIGNED_IN - only(11)),
    "hall.requests_page": (SIGNED_IN, SIGNED_IN),
    "hall.show_request": (only(1, 2, 3, 5), only(1, 2, 6)),
    "hall.act": (only(1, 2, 3, 5), only(1, 2, 6)),
    "hall.request_photo": (set(), set()),  # no photo yet (tested apart)
    # Keeping it: the village's cadres (西岭村 has none); the county's catalogue, its admin.
    "hall.manage": (only(3), set()),
    "hall.new_guide": (only(3), set()),
    "hall.edit_guide": (only(3), only(1)),  # 东岙村's own item; for 西岭村 a county guide
    "hall.new_member": (only(3), set()),
    "hall.edit_member": (only(3), set()),
    "hall.new_entry": (only(3), set()),
    "hall.edit_entry": (only(3), set()),
    # Classes are open to all; publishing, the county's admin and a village's cadres; the party
    # study record, the village's party secretary.
    "classes.index": (EVERYONE, EVERYONE),
    "classes.lesson": (EVERYONE, EVERYONE),
    "classes.lesson_media": (EVERYONE, EVERYONE),
    "classes.finish": (SIGNED_IN, SIGNED_IN),
    "classes.new_lesson": (only(3), set()),
    "classes.edit_lesson": (only(3), only(1)),  # 东岙村's lesson; for 西岭村 a county lesson
    "classes.party": (only(3), set()),
    # The care register: a record to its carers (4 and 7; the civil-affairs cadre, 23, is not
    # walked) and nobody else — not the secretary, not the county; the counts to the township
    # and county (asked here for a village: tested apart).
    "care.index": (only(1, 2, 4, 7), only(1, 2, 4, 7)),
    "care.overview": (set(), set()),
    "care.person": (only(4, 7), set()),
    "care.visit": (only(4, 7), set()),
    "care.new_person": (set(), set()),
    "care.edit_person": (set(), set()),
    # The village circle: a post (东岙村's 杨梅干 by 8; 西岭村's 茶叶 by 6) is seen by the
    # township's people and those over it, not by 南山乡's 10; liking, commenting and reporting
    # answer the same people (a refusal in the service is a flash, not a 403); moderating is the
    # village's cadres' (西岭村 has none), appeals the township's, the word list the county's.
    "circle.feed": (SIGNED_IN, SIGNED_IN),
    "circle.new_post": (SIGNED_IN - only(11), SIGNED_IN - only(11)),
    "circle.create_post": (SIGNED_IN - only(11), SIGNED_IN - only(11)),
    "circle.post": (SIGNED_IN - only(10), SIGNED_IN - only(10)),
    "circle.like": (SIGNED_IN - only(10), SIGNED_IN - only(10)),
    "circle.comment": (SIGNED_IN - only(10), SIGNED_IN - only(10)),
    "circle.photo": (SIGNED_IN - only(10), SIGNED_IN - only(10)),
    "circle.video": (set(), set()),  # the demo's posts have no video (tested apart)
    "circle.card": (SIGNED_IN, SIGNED_IN),
    "circle.follow": (SIGNED_IN, SIGNED_IN),
    "circle.set_offer": (SIGNED_IN, SIGNED_IN),
    "circle.report": (SIGNED_IN - only(10), SIGNED_IN - only(10)),
    "circle.decide": (only(3), set()),
    "circle.appeal": (only(8), only(6)),  # the post's author
    "circle.decide_appeal": (only(2), set()),
    "circle.mute": (only(3), set()),  # the walk's person: 11 of 东岙村, 6 of 西岭村
    "circle.moderation": (only(2, 3), only(2, 3)),
    "circle.words": (only(1), only(1)),
    "circle.activities": (SIGNED_IN, SIGNED_IN),
    "circle.new_activity": (SIGNED_IN - only(11), SIGNED_IN - only(11)),
    "circle.create_activity": (SIGNED_IN - only(11), SIGNED_IN - only(11)),
    "circle.activity": (SIGNED_IN - only(10), set()),  # 西岭村 has no activity
    "circle.act_on_activity": (SIGNED_IN - only(10), set()),
    "circle.checkin_qr": (only(3, 4), set()),  # its organiser (4) and the village's cadres
    "circle.checkin": (SIGNED_IN - only(10), set()),
    "circle.mark_attended": (only(3, 4), set()),
    "circle.call_off": (only(3, 4), set()),  # its organiser and the village's cadres (an empty reason: 422)
    "circle.news": (SIGNED_IN, SIGNED_IN),
    "circle.news_item": (SIGNED_IN, SIGNED_IN),  # 东岙村's news; for 西岭村 the township's tip
    "circle.news_photo": (SIGNED_IN, set()),  # the tip has no photo
    "circle.new_news": (only(3), set()),
    "circle.unpin": (set(), only(2)),  # a village's news is not pinned; the township's tip is
    "circle.weather": (only(3), set()),
}
# Run last: they change who is logged in or what the person may do.
# circle.follow would let the walker see the followed person's posts on the routes after it.
LAST = ["circle.follow", "cases.act_to_village", "accounts.set_active", "accounts.revoke_role", "accounts.logout"]


def targets(village_code):
    """Ids of objects in the village, for the URL rules' arguments and query strings."""
    village = region_by_code(village_code)
    if village_code == "QS-DX-DA":
        person = user_by_phone("13800000011")
        membership = user_by_phone("13800000007").memberships[0]
    else:
        person = user_by_phone("13800000006")
        membership = RoleMembership(user=person, role="shopkeeper", region=village)
        db.session.add(membership)
        db.session.commit()
    report = db.session.scalar(select(Case).where(Case.reporter_id == person_reporting(village_code),
                                                  Case.is_public.is_(False)))
    photo = report.attachments[0].id if report.attachments else 999999
    notification = db.session.scalar(select(Notification.id).where(
        Notification.user_id == user_by_phone("13800000005").id))
    notice = db.session.scalar(select(Disclosure).where(Disclosure.region_id == village.id,
                                                        Disclosure.members_only.is_(True)))
    comment = db.session.scalar(select(Comment.id).where(Comment.disclosure_id == notice.id))
    letter = db.session.scalar(select(Letter.id).where(Letter.village_id == village.id,
                                                       Letter.is_private.is_(True)))
    period = db.session.scalar(select(FinancePeriod.id).where(FinancePeriod.village_id == village.id))
    procedure = db.session.scalar(select(Procedure.id).where(Procedure.village_id == village.id))
    entry = db.session.scalar(select(PointEntry.id).where(PointEntry.village_id == village.id))
    receipt_line = db.session.scalar(select(LedgerLine.id).where(LedgerLine.village_id == village.id,
                                                                 LedgerLine.receipt_path != ""))
    matter = db.session.scalar(select(Matter.id).where(Matter.procedure_id == procedure)) if procedure else None
    if village_code != "QS-DX-DA":
        store_in_xiling(village, person)
    claim = db.session.scalar(select(GoodDeedClaim.id).where(GoodDeedClaim.village_id == village.id))
    item = db.session.scalar(select(StoreItem.id).where(StoreItem.village_id == village.id))
    order = db.session.scalar(select(StoreOrder.id).where(StoreOrder.village_id == village.id))
    report_id = db.session.scalar(select(PointReport.id).where(PointReport.village_id == village.id))
    draw = a_draw_in(village)
    vote = a_vote_in(village)
    record = a_meeting_in(village)
    record["broadcast_id"] = a_broadcast()
    return {
        "args": {"user_id": person.id, "membership_id": membership.id, "region_id": village.id,
                 "filename": "app.css", "case_id": report.id, "attachment_id": photo,
                 "size": "small", "notification_id": notification, "notice_id": notice.id,
                 "file_id": notice.attachments[0].id if notice.attachments else 999999,
                 "comment_id": comment, "letter_id": letter, "kind": "photo",
                 "period_id": period or 999999, "register": "asset", "token": "nosuchfile",
                 "procedure_id": procedure or 999999, "matter_id": matter or 999999,
                 "line_id": receipt_line or 999999, "entry_id": entry or 999999, "claim_id": claim,
                 "item_id": item, "order_id": order, "report_id": report_id,
                 "draw_id": draw, "step": "freeze", "vote_id": vote, "stage": "start",
                 "village_id": village.id, "table_id": a_league_table(village), **record,
                 **services_in(village, person)},
        "query": {"region": village.id, "village": village.id, "topic": record["topic_id"]},
    }


def store_in_xiling(village, villager):
    """西岭村 has no cadre in the demo: give it a shelf, an order and a claim directly."""
    from webapp.demo import demo_photo
    from webapp.points import services
    from webapp.points.models import PointBalance

    db.session.add(StoreItem(village_id=village.id, name="肥皂", price=5, stock=3,
                             photo_path=db.session.scalar(select(StoreItem.photo_path))))
    db.session.merge(PointBalance(user_id=villager.id, balance=50))
    db.session.commit()
    services.order_item(villager, db.session.scalar(select(StoreItem).where(StoreItem.village_id == village.id)))
    services.claim_good_deed(villager, "帮五保户修好了漏雨的屋顶", services.prepare_claim_photo(demo_photo("#777777")))


def a_draw_in(village) -> int:
    """东岙村's secretary starts one with three witnesses; 西岭村 has no cadre, so its draw is
    put in directly, with 6 as its witness."""
    from webapp.deliberation.models import Draw, DrawWitness
    from webapp.deliberation.services.draws import start_draw

    if village.code == "QS-DX-DA":
        secretary, leader, villager = (user_by_phone(f"138000000{n:02d}") for n in (3, 7, 5))
        draw = start_draw(secretary, village, "议事会代表", 2, [(secretary, "书记"), (leader, ""), (villager, "")])
    else:
        draw = Draw(village_id=village.id, title="议事会代表", seats=2, created_by_id=user_by_phone("13800000001").id)
        db.session.add(draw)
        db.session.flush()
        db.session.add(DrawWitness(draw_id=draw.id, user_id=user_by_phone("13800000006").id, position=1))
    db.session.commit()
    return draw.id


def a_vote_in(village) -> int:
    from datetime import timedelta

    from webapp.database import utcnow
    from webapp.deliberation.blind_signatures import new_private_key_pem, public_key_spki
    from webapp.deliberation.models import Vote

    key = new_private_key_pem()
    vote = Vote(village_id=village.id, kind="decision", title="方案", options_json='[{"key": "1", "label": "是"}]',
                closes_at=utcnow() + timedelta(days=1), public_key=public_key_spki(key), private_key_pem=key,
                created_by_id=user_by_phone("13800000001").id)
    db.session.add(vote)
    db.session.commit()
    return vote.id


def a_meeting_in(village) -> dict:
    """A topic (chosen), its meeting with a document and a voice opinion, and a task with a
    photo, put in directly (东岙村's task is 7's, 西岭村's is 6's); the files reuse a stored photo."""
    from datetime import timedelta

    from webapp.database import utcnow
    from webapp.deliberation.models import (
        AgendaItem,
        Invitee,
        Meeting,
        MeetingDocument,
        Opinion,
        Task,
        TaskUpdate,
        Topic,
    )

    here = village.code == "QS-DX-DA"
    author, owner = user_by_phone("13800000005" if here else "13800000006"), \
        user_by_phone("13800000007" if here else "13800000006")
    stored = db.session.scalar(select(StoreItem.photo_path).where(StoreItem.photo_path != "")) if here else ""
    topic = Topic(village_id=village.id, author_id=author.id, title="村口装路灯", status="chosen", photo_path=stored)
    db.session.add(topic)
    db.session.flush()
    meeting = Meeting(village_id=village.id, topic_id=topic.id, title="路灯议事会", starts_at=utcnow() + timedelta(hours=1),
                      place="村委会", checkin_code="walk", created_by_id=author.id)
    db.session.add(meeting)
    db.session.flush()
    db.session.add(AgendaItem(meeting_id=meeting.id, position=1, title="方案"))
    invitee = Invitee(meeting_id=meeting.id, user_id=owner.id, name=owner.name, kind="representative")
    document = MeetingDocument(meeting_id=meeting.id, name="预算", path=stored, mime="image/jpeg") if here else None
    opinion = Opinion(meeting_id=meeting.id, author_id=author.id, text="好", voice_path=stored, voice_mime="audio/webm")
    task = Task(meeting_id=meeting.id, village_id=village.id, title="采购", owner_id=owner.id,
                due_on=utcnow().date() + timedelta(days=9))
    db.session.add_all([o for o in (document, opinion, task, invitee) if o is not None])
    db.session.flush()
    update = TaskUpdate(task_id=task.id, author_id=owner.id, kind="progress", text="开始", progress=10, photo_path=stored)
    db.session.add(update)
    db.session.commit()
    return {"topic_id": topic.id, "meeting_id": meeting.id, "document_id": document.id if document else 999999,
            "opinion_id": opinion.id, "task_id": task.id, "update_id": update.id, "invitee_id": invitee.id}


def a_broadcast() -> int:
    """One broadcast to 东岙村 for both walks (a broadcast's page is about its region, not the walk's)."""
    from webapp.notifications.models import Broadcast

    existing = db.session.scalar(select(Broadcast.id))
    if existing:
        return existing
    broadcast = Broadcast(region_id=region_by_code("QS-DX-DA").id, sender_id=user_by_phone("13800000003").id,
                          hazard="fire", title="后山着火", body="请远离后山", recipients=0)
    db.session.add(broadcast)
    db.session.commit()
    return broadcast.id


def services_in(village, villager) -> dict:
    """The hall's, classes' and care register's objects of the village: 东岙村 has its own guide,
    team, numbers, a lesson and a register; 西岭村 has none, so a county guide and lesson, and a
    request its villager makes now."""
    from webapp.care.models import CarePerson
    from webapp.classes.models import Lesson
    from webapp.hall import services as hall
    from webapp.hall.models import DirectoryEntry, ServiceGuide, ServiceRequest, TeamMember

    def first(model, *where):
        return db.session.scalar(select(model.id).where(*where).order_by(model.id)) or 999999

    county = village.ancestor_ids[0]
    if village.code == "QS-DX-DA":
        request = db.session.scalar(select(ServiceRequest.id).where(  # the demo's question for the legal adviser
            ServiceRequest.requester_id == user_by_phone("13800000005").id, ServiceRequest.text.contains("赡养费")))
    else:
        request = hall.ask(villager, villager, "ask", "西岭村的路灯归谁管？", None).id
        db.session.commit()
    return {"guide_id": first(ServiceGuide, ServiceGuide.region_id == village.id) if village.code == "QS-DX-DA"
            else first(ServiceGuide, ServiceGuide.region_id == county),
            "request_id": request, "action": "answer",
            "member_id": first(TeamMember, TeamMember.village_id == village.id),
            "entry_id": first(DirectoryEntry, DirectoryEntry.village_id == village.id),
            "lesson_id": first(Lesson, Lesson.region_id == village.id) if village.code == "QS-DX-DA"
            else first(Lesson, Lesson.region_id == county),
            "person_id": first(CarePerson, CarePerson.village_id == village.id), **circle_in(village)}


def circle_in(village) -> dict:
    """The demo circle's objects of the village: its first post (with photos), its open activity,
    its news (西岭村: the township's pinned tip), its appeal."""
    from webapp.circle.models import Activity, Appeal, LocalNews, Post

    def first(model, *where):
        return db.session.scalar(select(model.id).where(*where).order_by(model.id)) or 999999

    post = first(Post, Post.village_id == village.id, Post.status == "published")
    news = first(LocalNews, LocalNews.region_id == village.id, LocalNews.kind == "news") if village.code == "QS-DX-DA" \
        else first(LocalNews, LocalNews.region_id == village.parent_id, LocalNews.pinned.is_(True))
    return {"post_id": post, "target_id": post, "target_kind": "posts", "photo_size": "thumb", "n": 0,
            "part": "poster", "relation": "follow", "act": "signup",
            "activity_id": first(Activity, Activity.village_id == village.id, Activity.status == "open",
                                 Activity.organiser_id == user_by_phone("13800000004").id),
            "news_id": news, "appeal_id": first(Appeal, Appeal.village_id == village.id)}


def a_league_table(village) -> int:
    """The newest table of the village's township (the demo's history made them)."""
    from webapp.evaluation.models import LeagueTable

    return db.session.scalar(select(LeagueTable.id).where(LeagueTable.region_id == village.parent_id)
                             .order_by(LeagueTable.id.desc()))


def person_reporting(village_code) -> int:
    return user_by_phone("13800000005" if village_code == "QS-DX-DA" else "13800000006").id


def is_let_in(response) -> bool:
    if response.status_code in (401, 403, 404):
        return False
    location = response.headers.get("Location", "")
    return not (response.status_code == 302 and "/login?next=" in location)


def walk(app, client, village_code):
    ids = targets(village_code)
    rules = [r for r in app.url_map.iter_rules() if r.endpoint != "static"]
    rules.sort(key=lambda r: (r.endpoint in LAST, LAST.index(r.endpoint) if r.endpoint in LAST else 0))
    seen = {}
    for rule in rules:
        url = rule.build({k: v for k, v in ids["args"].items() if k in rule.arguments},
                         append_unknown=False)[1]
        url += "?" + "&".join(f"{k}={v}" for k, v in ids["query"].items())
        if "POST" in rule.methods:
            response = client.post(url, {})
        else:
            response = client.get(url)
        # /healthz answers 503 here: the fake Redis has no worker. It is tested on its own.
        assert response.status_code < 500 or rule.endpoint == "shell.healthz", \
            f"{rule.endpoint} gave {response.status_code}"
        seen[rule.endpoint] = is_let_in(response)
    return seen


@pytest.mark.parametrize("village_code, column", [("QS-DX-DA", 0), ("QS-DX-XL", 1)])
@pytest.mark.parametrize("phone", [ANON, *PHONES])
def test_every_route_lets_in_exactly_the_expected_people(app, client, fake_redis, phone,
                                                         village_code, column):
    if phone:
        client.login(phone)
    seen = walk(app, client, village_code)
    unlisted = set(seen) - set(EXPECTED)
    assert not unlisted, f"routes missing from the walk's table: {sorted(unlisted)}"
    wrong = {endpoint: ("let in" if got else "refused")
             for endpoint, got in seen.items() if got != (phone in EXPECTED[endpoint][column])}
    assert not wrong, f"as {phone or 'visitor'} on {village_code}: {wrong}"


@pytest.mark.parametrize("phone", PHONES)
def test_a_cookie_replayed_after_logout_is_a_visitor_on_every_route(app, client, fake_redis, phone):
    """Cookies copied before logout (session and remember token) open exactly what a visitor
    may open, on every route."""
    from .accounts.test_sessions import copy_of

    client.login(phone)
    replayed = copy_of(client)
    client.post("/logout", {})
    replayed.token = client.token
    seen = walk(app, replayed, "QS-DX-DA")
    wrong = {endpoint: got for endpoint, got in seen.items() if got != (ANON in EXPECTED[endpoint][0])}
    assert not wrong, f"{phone}'s old cookies still open: {wrong}"


HIGHER_ROLE_HOLDERS = ["13800000001", "13800000002", "13800000009"]  # county, township, township


@pytest.mark.parametrize("target", HIGHER_ROLE_HOLDERS)
def test_an_admin_of_a_lower_region_is_refused_on_every_route_about_a_higher_role_holder(app, client, target):
    """The village admin (13800000003) against people who live in the village but hold roles
    above it: every route that takes a person or a role of theirs refuses."""
    client.login("13800000003")
    person = user_by_phone(target)
    rules = [r for r in app.url_map.iter_rules() if {"user_id", "membership_id"} & set(r.arguments)]
    assert len(rules) >= 6
    for rule in rules:
        url = rule.build({"user_id": person.id, "membership_id": person.memberships[0].id, "relation": "follow"},
                         append_unknown=False)[1]
        response = client.post(url, {"role": "cadre", "region": person.village_id, "active": "0"}) \
            if "POST" in rule.methods else client.get(url)
        if rule.endpoint in ("accounts.card", "circle.card"):  # a fellow villager's card is open to the village
            assert response.status_code == 200
        elif rule.endpoint == "circle.follow":  # following someone acts on nobody
            assert response.status_code == 303
        elif rule.endpoint in ("accounts.verify_person", "accounts.refuse_person", "accounts.decide_party"):
            # Verifying a fellow villager against the registry is the cadre's task whatever
            # roles the villager holds elsewhere; they are verified already and it says so.
            assert response.status_code in (200, 303, 422)
        else:
            assert response.status_code == 403, (rule.endpoint, response.status_code)


BOOSTED = {"HX-Request": "true", "HX-Boosted": "true"}


@pytest.mark.parametrize("phone", ["13800000003", "13800000004", "13800000005", "13800000008"])
def test_after_every_refused_form_a_reload_shows_the_page_the_form_was_on(app, client, fake_redis, phone):
    """A boosted form refused with 422 keeps the page it was on in the address bar
    (HX-Replace-Url), and reloading that address shows the page — never a 405 for a GET of
    the form's action."""
    client.login(phone)
    ids = targets("QS-DX-DA")
    refused = 0
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint in LAST:
            continue
        url = rule.build({k: v for k, v in ids["args"].items() if k in rule.arguments}, append_unknown=False)[1]
        page = "/cases" if rule.endpoint.startswith("cases.") else "/"
        response = client.post(url, {}, headers={**BOOSTED, "HX-Current-URL": f"http://localhost{page}"})
        if response.status_code != 422:
            continue
        refused += 1
        assert response.headers.get("HX-Replace-Url") == page, rule.endpoint
        assert client.get(response.headers["HX-Replace-Url"]).status_code == 200, rule.endpoint
    assert refused >= 3
