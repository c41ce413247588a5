"""The monthly points report of a village (one per village and month, whatever reruns), and
the yearly service stars the cadres chose."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...database import UTCDateTime, utcnow
from ...extensions import db


class PointReport(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    month: Mapped[str] = mapped_column(String(7))  # "2026-10", Beijing calendar
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    disclosure_id: Mapped[int | None] = mapped_column(ForeignKey("disclosure.id"))
    # {"people": [[user_id, name, points]…], "households": [[id, label, points]…],
    #  "teams": [[grid_id, name, points, on_time, handled, happy, rated, missed]…],
    #  "by_kind": {kind: points}, "redemptions": {"count": n, "points": p}, "entries": n}
    figures: Mapped[dict] = mapped_column(JSON)

    village = relationship("Region")

    __table_args__ = (UniqueConstraint("village_id", "month", name="uq_point_report_village_month"),)


class ServiceStar(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    points: Mapped[int] = mapped_column(Integer)
    chosen_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    chosen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    disclosure_id: Mapped[int | None] = mapped_column(ForeignKey("disclosure.id"))

    user = relationship("User", foreign_keys=[user_id])

    __table_args__ = (UniqueConstraint("village_id", "year", "user_id", name="uq_service_star"),)
