"""A member's location, the sealed part of their capacity that the planner measures distances
from: the area they chose (by its uid) and, recorded before areas existed, home and work
coordinates. JSON text inside the ciphertext (``MemberCapacity.location_sealed``); decimals
as fixed-point strings.

Old coordinates stay readable and keep planning until an area is chosen; choosing one
forgets them (``do_set_capacity``): nobody types coordinates any more.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

# The coordinate parts of an old sealed location, as do_set_capacity still reads them.
LOCATION_PARTS = ("home_latitude", "home_longitude", "work_latitude", "work_longitude")
COORDINATE_LIMITS = {"latitude": 90, "longitude": 180}

Point = tuple[Decimal, Decimal]
# Six decimal places: about 10 cm, as the coordinates were stored before they were sealed.
PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class Location:
    """Where a member is found: sealed, decrypted only to plan or by an audited reveal."""

    home: Point | None = None
    work: Point | None = None
    area: UUID | None = None

    @property
    def point(self) -> tuple[float, float] | None:
        """The old coordinates distances were measured from: home, else work (an area's
        point is looked up by deployment.sealed_inputs)."""
        p = self.home or self.work
        return None if p is None else (float(p[0]), float(p[1]))

    def parts(self) -> dict[str, Decimal | None]:
        """The coordinates as LOCATION_PARTS (the action's data)."""
        home, work = self.home or (None, None), self.work or (None, None)
        return dict(zip(LOCATION_PARTS, (*home, *work), strict=True))

    @classmethod
    def from_parts(cls, parts: dict, area: UUID | None = None) -> Location:
        def point(lat, lon) -> Point | None:
            if lat is None or lon is None:
                return None
            return (Decimal(str(lat)).quantize(PLACES), Decimal(str(lon)).quantize(PLACES))

        return cls(point(parts.get("home_latitude"), parts.get("home_longitude")),
                   point(parts.get("work_latitude"), parts.get("work_longitude")), area)

    def to_json(self) -> str:
        def text(p: Point | None) -> list[str] | None:
            return None if p is None else [f"{p[0]:.6f}", f"{p[1]:.6f}"]

        data: dict = {"home": text(self.home), "work": text(self.work)}
        if self.area is not None:
            data["area"] = str(self.area)
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> Location:
        if not text:
            return cls()
        data = json.loads(text)

        def point(p) -> Point | None:
            return None if p is None else (Decimal(p[0]), Decimal(p[1]))

        area = data.get("area")
        return cls(point(data.get("home")), point(data.get("work")),
                   UUID(area) if area else None)
