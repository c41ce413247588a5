"""The township's hot topics: topics of its villages grouped by keyword, heavier with supports
and recency, rising ones flagged; only those over the township or county see them."""
from datetime import timedelta

from webapp.database import utcnow
from webapp.deliberation.hot_topics import hot_topics, keywords
from webapp.deliberation.services import topics
from webapp.extensions import db
from webapp.regions.queries import region_by_code

from ..client import page_text


def test_keywords_are_dictionary_words_not_jiebas_inventions():
    assert "路灯" in keywords("上坪到下坪的路装路灯 晚上路黑，去年有人摔伤。")
    assert not {"路装", "狗会", "点加"} & set(keywords("垃圾分类点加盖子 路装路灯 狗会扒垃圾"))


def test_topics_of_two_villages_meet_under_one_keyword_weighted_by_support_and_age(app, person):
    east = topics.propose_topic(person("13800000005"), "学校门口装路灯", "")
    for phone in ("13800000007", "13800000004", "13800000008"):
        topics.support_topic(person(phone), east)
    west = topics.propose_topic(person("13800000006"), "下坪村道装路灯", "")
    old = topics.propose_topic(person("13800000007"), "祠堂边装路灯", "")
    old.created_at = utcnow() - timedelta(days=120)
    db.session.commit()
    ranked = hot_topics(region_by_code("QS-DX"))
    lamps = ranked[0]
    assert lamps.word == "路灯"  # four topics in two villages, eleven supporters: the heaviest
    assert {east.id, west.id, old.id} <= {t.id for t in lamps.topics}
    assert {"东岙村", "西岭村"} <= lamps.places and lamps.rising
    old.created_at = utcnow() - timedelta(days=360)
    db.session.commit()
    assert hot_topics(region_by_code("QS-DX"))[0].weight < lamps.weight  # a topic of last year weighs less
    county = {k.word: k for k in hot_topics(region_by_code("QS"))}
    assert "东溪镇" in county["路灯"].places  # the county sees townships, not villages


def test_only_those_over_the_township_see_its_hot_topics(app, login):
    township = region_by_code("QS-DX").id
    assert "议事热点" in page_text(login("13800000002").get(f"/deliberation/overview?region={township}"))
    assert login("13800000001").get(f"/deliberation/overview?region={township}").status_code == 200  # county
    for phone in ("13800000003", "13800000005"):  # a village secretary, a villager
        assert login(phone).get(f"/deliberation/overview?region={township}").status_code == 403
    other = region_by_code("QS-NS").id
    assert login("13800000002").get(f"/deliberation/overview?region={other}").status_code == 403
