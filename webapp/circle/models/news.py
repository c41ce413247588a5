"""Local news (本地新闻) by cadres and the township, safety tips the township pins, and the
weather a village or township enters (or a weather service gives: circle/weather.py) — one table,
so that a home page reads its weather strip and its pinned tips in one statement."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...database import UTCDateTime, utcnow
from ...extensions import db
from ...media import names_files

NEWS, TIP, WEATHER = "news", "tip", "weather"
TIP_KINDS = {"typhoon": _l("防台风"), "fire": _l("防火"), "fraud": _l("防诈骗"), "flood": _l("防汛"), "other": _l("安全提示")}


class LocalNews(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)  # a village or township
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    kind: Mapped[str] = mapped_column(String(8), default=NEWS)
    tip_kind: Mapped[str] = mapped_column(String(12), default="")
    title: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text, default="")
    photo_path: Mapped[str] = mapped_column(String(200), default="")
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)  # a safety tip on every home page
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    region = relationship("Region")
    author = relationship("User")

    @property
    def tip_label(self) -> str:
        return str(TIP_KINDS.get(self.tip_kind, ""))


names_files(LocalNews.photo_path)
