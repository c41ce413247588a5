"""Chinese-aware search: titles and bodies are cut into words by jieba when published; a query
is cut the same way and finds the notices that hold all its words."""
import logging
import re
from functools import lru_cache

from sqlalchemy import func, select

from .models import SearchToken

WORDLIKE = re.compile(r"[\w\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def words(text: str) -> set[str]:
    """The words of a text, lower-cased, punctuation dropped, at most 32 characters each."""
    found = set()
    for word in _jieba().cut_for_search(text or ""):
        word = word.strip().lower()
        if word and WORDLIKE.search(word) and len(word) <= 32:
            found.add(word)
    return found


def index_rows(disclosure_id: int, title: str, body: str) -> list[dict]:
    return [dict(token=w, disclosure_id=disclosure_id) for w in sorted(words(f"{title} {body}"))]


def matching_ids(query: str, region_ids: list[int]):
    """A subquery of the ids of the regions' disclosures holding every word of the query
    (None: the query has no words). Starting from the regions' notices keeps a common word
    from dragging in every notice of the county."""
    from .models import Disclosure

    wanted = words(query)
    if not wanted:
        return None
    return (select(SearchToken.disclosure_id)
            .join(Disclosure, Disclosure.id == SearchToken.disclosure_id)
            .where(Disclosure.region_id.in_(region_ids), SearchToken.token.in_(wanted))
            .group_by(SearchToken.disclosure_id)
            .having(func.count(SearchToken.token) == len(wanted)))
