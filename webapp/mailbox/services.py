"""Writing, answering and the 3-day reminder."""
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from .. import media
from ..audit.services import record
from ..auth import may_answer_letters, may_write_to
from ..cases.recipients import role_holder_ids
from ..database import utcnow
from ..extensions import db
from ..jobs import deliver_after_commit
from ..notifications.services import excerpt, notify
from ..service import ServiceError
from .models import Letter

REMIND_AFTER = timedelta(days=3)
ANSWERERS = ("party_secretary", "admin")


def prepare_attachments(photo, voice) -> tuple:
    """A letter's photo and voice note, checked and resized before the write."""
    return media.prepare_photo(photo, "letters", "photo"), media.prepare_voice(voice, "letters")


def write_letter(writer, body: str, is_private: bool = False, photo=None, voice=None, now=None) -> Letter:
    """`photo` and `voice` are prepared (prepare_attachments) before the write transaction."""
    village = writer.village
    if not may_write_to(writer, village):
        raise ServiceError(_l("只能给自己村的书记写信。"))
    body = (body or "").strip()
    if not 2 <= len(body) <= 2000:
        raise ServiceError(_l("请写下你想说的话（2到2000字）。"), "body")
    letter = Letter(village_id=village.id, writer_id=writer.id, body=body, is_private=bool(is_private),
                    created_at=now or utcnow())
    db.session.add(letter)
    db.session.flush()
    if photo:
        letter.photo_path = media.keep(photo).path
    if voice:
        letter.voice_path, letter.voice_mime = media.keep(voice).path, voice.mime
    with force_locale("zh_Hans_CN"):
        notify(role_holder_ids([village.id], ANSWERERS), "letter.new",
               _("书记信箱有新来信%(what)s", what=excerpt(body, 20)), url=f"/mailbox/{letter.id}",
               sms=True, now=letter.created_at)
    record(writer, "letter.written", letter, region=village, private=letter.is_private)
    deliver_after_commit()
    return letter


def answer_letter(actor, letter: Letter, answer: str, now=None) -> None:
    if not may_answer_letters(actor, letter.village):
        raise ServiceError(_l("只有本村书记和村干部可以回信。"))
    answer = (answer or "").strip()
    if not answer:
        raise ServiceError(_l("请写下回复。"), "answer")
    first = letter.answered_at is None
    letter.answer, letter.answered_by_id = answer[:2000], actor.id
    letter.answered_at = letter.answered_at or now or utcnow()
    if first:
        with force_locale("zh_Hans_CN"):
            notify([letter.writer_id], "letter.answered", _("书记回复了你的来信%(what)s", what=excerpt(letter.body)),
                   url=f"/mailbox/{letter.id}")
    record(actor, "letter.answered", letter, region=letter.village_id)
    deliver_after_commit()


def remind_unanswered(now=None) -> int:
    """Remind the answerers of letters unanswered for 3 days, once per letter. The guarded
    UPDATE claims each letter, so two sweeps at once remind once."""
    now = now or utcnow()
    due = list(db.session.execute(select(Letter.id, Letter.village_id, Letter.body).where(
        Letter.answered_at.is_(None), Letter.reminded_at.is_(None),
        Letter.created_at <= now - REMIND_AFTER)).all())
    reminded = 0
    for letter_id, village_id, body in due:
        claimed = db.session.execute(update(Letter).where(
            Letter.id == letter_id, Letter.reminded_at.is_(None), Letter.answered_at.is_(None))
            .values(reminded_at=now)).rowcount
        if not claimed:
            continue
        with force_locale("zh_Hans_CN"):
            notify(role_holder_ids([village_id], ANSWERERS), "letter.reminder",
                   _("来信%(what)s已3天没有回复", what=excerpt(body, 20)), url=f"/mailbox/{letter_id}",
                   sms=True, now=now)
        record(None, "letter.reminded", object_type="letter", object_id=letter_id, region=village_id)
        reminded += 1
    if reminded:
        deliver_after_commit()
    return reminded
