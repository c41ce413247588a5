"""Hot topics for the township and the county (机制通): the topics of every village below,
grouped by their keywords (the rarest words of title and text by jieba's IDF table), each keyword weighted by
the supports of its topics and how recent they are (a topic's weight halves every 30 days), and
the keywords rising this month (more weight from this month's topics than from last month's)."""
import logging
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from sqlalchemy import select

from ..database import utcnow
from ..extensions import db
from ..i18n import BEIJING
from ..regions.models import Region
from .models.topics import MERGED, Topic

HALF_LIFE_DAYS = 30
KEYWORDS_PER_TOPIC = 4
SHOWN = 12


# Dictionary words that jieba's longest match reads wrongly in village topics ("装路灯" → "路装").
# The global dictionary is not changed: the notices' search words come from it too.
MISREAD = frozenset({"路装"})


@lru_cache(maxsize=1)
def _tfidf():
    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    return jieba, jieba.analyse.default_tfidf


def keywords(text: str) -> list[str]:
    """The text's rarest words (jieba's IDF table), two characters or more, no stop words."""
    jieba, tfidf = _tfidf()
    seen: dict[str, float] = {}
    ignored = tfidf.stop_words | MISREAD
    for word in jieba.cut(text, HMM=False):  # dictionary words only: no invented "狗会", "车停"
        word = word.strip()
        if len(word) > 1 and not word.isdigit() and word not in ignored and word not in seen:
            seen[word] = tfidf.idf_freq.get(word, tfidf.median_idf)
    return sorted(seen, key=lambda w: (-seen[w], w))[:KEYWORDS_PER_TOPIC]


@dataclass
class Keyword:
    word: str
    weight: float = 0.0
    this_month: float = 0.0
    last_month: float = 0.0
    topics: list = field(default_factory=list)
    places: set = field(default_factory=set)

    @property
    def rising(self) -> bool:
        """More people behind it this month than last, and at least a few."""
        return self.this_month > self.last_month and self.this_month >= 3


def _month_starts(now: datetime) -> tuple[datetime, datetime]:
    local = now.astimezone(BEIJING)
    this = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    last = (this.replace(year=this.year - 1, month=12) if this.month == 1 else this.replace(month=this.month - 1))
    return this, last


def hot_topics(region: Region, now: datetime | None = None) -> list[Keyword]:
    """The keywords of the topics below `region` (its villages, or its townships' villages),
    heaviest first; each names the villages (for a township) or townships (for the county)."""
    now = now or utcnow()
    this_month, last_month = _month_starts(now)
    villages = {v.id: v for v in db.session.scalars(select(Region).where(Region.level == "village",
                                                                         Region.path.like(f"{region.path}%")))}
    townships = {t.id: t.name for t in db.session.scalars(select(Region).where(
        Region.level == "township", Region.path.like(f"{region.path}%")))}
    topics = db.session.scalars(select(Topic).where(Topic.village_id.in_(villages), Topic.status != MERGED)
                                .order_by(Topic.id.desc()).limit(2000)).all() if villages else []
    found: dict[str, Keyword] = {}
    for topic in topics:
        age_days = max(0.0, (now - topic.created_at).total_seconds() / 86400)
        weight = (1 + topic.support_count) * math.pow(0.5, age_days / HALF_LIFE_DAYS)
        village = villages[topic.village_id]
        place = village.name if region.level == "township" else townships.get(village.parent_id, "")
        for word in keywords(f"{topic.title} {topic.body}"):
            entry = found.setdefault(word, Keyword(word))
            entry.weight += weight
            entry.topics.append(topic)
            entry.places.add(place)
            created = topic.created_at.astimezone(BEIJING)
            if created >= this_month:
                entry.this_month += 1 + topic.support_count
            elif created >= last_month:
                entry.last_month += 1 + topic.support_count
    shown, covered = [], set()
    for keyword in sorted(found.values(), key=lambda k: (-k.weight, k.word)):
        ids = {t.id for t in keyword.topics}
        if ids <= covered:  # its topics are all under a heavier keyword already: it says nothing new
            continue
        shown.append(keyword)
        covered |= ids
        if len(shown) == SHOWN:
            break
    return shown


def villages_by_topics(region: Region) -> list[tuple[Region, int]]:
    """Each village below the region with how many topics it has (to open its topics)."""
    villages = db.session.scalars(select(Region).where(Region.level == "village", Region.path.like(f"{region.path}%"))
                                  .order_by(Region.code)).all()
    counts: dict[int, int] = defaultdict(int)
    for village_id in db.session.scalars(select(Topic.village_id).where(Topic.village_id.in_([v.id for v in villages]),
                                                                        Topic.status != MERGED)):
        counts[village_id] += 1
    return [(v, counts[v.id]) for v in villages]
