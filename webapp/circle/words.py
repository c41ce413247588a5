"""Sensitive words, matched the way people dodge them: full-width letters made half-width,
case folded, and everything that is not a letter or a digit — spaces, punctuation, symbols,
zero-width characters — taken out before matching, so 法 轮、法*轮 and ＦＡＬＵＮ all meet
their word. The matching itself is Aho–Corasick (pyahocorasick): every word in one pass, however
long the county's list."""
import threading
import unicodedata

import ahocorasick
from sqlalchemy import func, select

from ..extensions import db
from .models import SensitiveWord

_lock = threading.Lock()
_automata: dict[int, tuple[tuple, ahocorasick.Automaton | None]] = {}


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in ("L", "N"))


def _automaton(county_id: int):
    """The county's words as an automaton, built again only when the list changed (its size and
    newest id, one small read per check)."""
    signature = tuple(db.session.execute(select(func.count(), func.max(SensitiveWord.id)).where(
        SensitiveWord.county_id == county_id)).one())
    with _lock:
        kept = _automata.get(county_id)
        if kept and kept[0] == signature:
            return kept[1]
    words = list(db.session.scalars(select(SensitiveWord.word).where(SensitiveWord.county_id == county_id)))
    automaton = None
    if words:
        automaton = ahocorasick.Automaton()
        for word in words:
            automaton.add_word(word, word)
        automaton.make_automaton()
    with _lock:
        _automata[county_id] = (signature, automaton)
    return automaton


def sensitive_words_in(text: str, county_id: int) -> list[str]:
    automaton = _automaton(county_id)
    if automaton is None:
        return []
    return sorted({word for _end, word in automaton.iter(normalise(text))})
