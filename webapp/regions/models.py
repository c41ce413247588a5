"""The region tree: county → township → village → villager group and grid."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db

COUNTY, TOWNSHIP, VILLAGE, GROUP, GRID = "county", "township", "village", "group", "grid"
LEVELS = (COUNTY, TOWNSHIP, VILLAGE, GROUP, GRID)
LEVEL_LABELS = {
    COUNTY: _l("县"),
    TOWNSHIP: _l("乡镇"),
    VILLAGE: _l("村"),
    GROUP: _l("村民小组"),
    GRID: _l("网格"),
}
# Which levels may sit directly under which: groups and grids both divide a village.
CHILD_LEVELS = {
    None: (COUNTY,),
    COUNTY: (TOWNSHIP,),
    TOWNSHIP: (VILLAGE,),
    VILLAGE: (GROUP, GRID),
    GROUP: (),
    GRID: (),
}


class Region(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    # Materialised path of ids, "/1/4/9/": a subtree is one indexed prefix match.
    path: Mapped[str] = mapped_column(String(255), index=True, default="")

    parent: Mapped["Region | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Region"]] = relationship(
        back_populates="parent", order_by="Region.code"
    )

    @property
    def level_label(self) -> str:
        return str(LEVEL_LABELS[self.level])

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def contains(self, other: "Region | None") -> bool:
        """True when other is this region or lies below it."""
        return other is not None and other.path.startswith(self.path)

    def __repr__(self) -> str:
        return f"<Region {self.code} {self.name}>"
