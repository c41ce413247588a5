"""People: user accounts, the household registry they are verified against, and the roles
they hold in regions."""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db
from ..regions.models import Region


class Household(db.Model):
    """A registered household (户) of the village registry."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    address: Mapped[str] = mapped_column(String(128), default="")

    village: Mapped[Region] = relationship(foreign_keys=[village_id])
    group: Mapped[Region | None] = relationship(foreign_keys=[group_id])
    grid: Mapped[Region | None] = relationship(foreign_keys=[grid_id])
    residents: Mapped[list["Resident"]] = relationship(back_populates="household")


class Resident(db.Model):
    """A person in the household registry. An account is verified by linking it to one."""

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    name: Mapped[str] = mapped_column(String(32), index=True)
    relation: Mapped[str] = mapped_column(String(16), default="")  # 户主, 配偶, 子女 …
    phone: Mapped[str] = mapped_column(String(11), default="")
    # Only the last four characters of the ID card: enough to tell namesakes apart.
    id_last4: Mapped[str] = mapped_column(String(4), default="")
    # For the strata of a draw of representatives (docs/sortition.md): "男", "女" or unknown.
    gender: Mapped[str] = mapped_column(String(2), default="", server_default="")
    birth_year: Mapped[int | None] = mapped_column(Integer)

    household: Mapped[Household] = relationship(back_populates="residents")
    account: Mapped["User | None"] = relationship(back_populates="resident")


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(11), unique=True)
    name: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(255))
    village_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # Why the last verification was refused, shown to the person until they are verified.
    verification_note: Mapped[str] = mapped_column(String(200), default="")
    party_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    party_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Part of every session and remember cookie: bumping it ends every session of the
    # account everywhere (logout, password change or reset, deactivation).
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    village: Mapped[Region] = relationship(foreign_keys=[village_id])
    group: Mapped[Region | None] = relationship(foreign_keys=[group_id])
    grid: Mapped[Region | None] = relationship(foreign_keys=[grid_id])
    resident: Mapped[Resident | None] = relationship(back_populates="account")
    memberships: Mapped[list["RoleMembership"]] = relationship(
        back_populates="user", foreign_keys="RoleMembership.user_id",
        cascade="all, delete-orphan", lazy="selectin", order_by="RoleMembership.id",
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and the remember cookie: the id and the
        session generation, so a cookie from before a logout no longer names anyone."""
        return f"{self.id}.{self.session_generation}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_party_member(self) -> bool:
        return self.party_verified_at is not None

    @property
    def home_region(self) -> Region:
        """The most precise region the person lives in: grid, else group, else village."""
        return self.grid or self.group or self.village

    @property
    def masked_phone(self) -> str:
        return f"{self.phone[:3]}****{self.phone[-4:]}"

    @property
    def masked_name(self) -> str:
        """张** for public listings where the reporter's name must not show."""
        return self.name[:1] + "*" * max(1, len(self.name) - 1)


class RoleMembership(db.Model):
    """One role held in one region. One person may hold many."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    title: Mapped[str] = mapped_column(String(32), default="")  # 书记, 主任, 会计, 医生 …
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    user: Mapped[User] = relationship(back_populates="memberships", foreign_keys=[user_id])
    region: Mapped[Region] = relationship(lazy="joined")

    __table_args__ = (UniqueConstraint("user_id", "role", "region_id", name="uq_role_membership"),)
