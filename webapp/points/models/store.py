"""The goodwill supermarket (热心超市): a village store's goods, and orders that hold points
until the shopkeeper hands the good over, or the order is cancelled or expires."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...database import UTCDateTime, utcnow
from ...extensions import db
from ...media import names_files

HELD, REDEEMED, CANCELLED, EXPIRED = "held", "redeemed", "cancelled", "expired"


class StoreItem(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    price: Mapped[int] = mapped_column(Integer)  # points
    # The database refuses a negative stock, whatever a service does.
    stock: Mapped[int] = mapped_column(Integer, default=0)
    photo_path: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(default=True)

    __table_args__ = (CheckConstraint("stock >= 0", name="stock_not_negative"),
                      CheckConstraint("price > 0", name="price_positive"))


class StoreOrder(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("store_item.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    price: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default=HELD, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    hold_entry_id: Mapped[int] = mapped_column(ForeignKey("point_entry.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    item = relationship("StoreItem")
    user = relationship("User", foreign_keys=[user_id])

    __mapper_args__ = {"version_id_col": version}


names_files(StoreItem.photo_path)  # media.finish_parts() looks for rows naming a stored file
