"""A member's location (home and work), the sealed part of their capacity that the planner
measures distances from. Decimals as entered; JSON text of fixed-point strings inside the
ciphertext (``MemberCapacity.location_sealed``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

# The parts of a member's sealed location, as forms and do_set_capacity name them.
LOCATION_PARTS = ("home_latitude", "home_longitude", "work_latitude", "work_longitude")
COORDINATE_LIMITS = {"latitude": 90, "longitude": 180}

Point = tuple[Decimal, Decimal]
# Six decimal places: about 10 cm, as the coordinates were stored before they were sealed.
PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class Location:
    """Where a member lives and works; sealed, decrypted only to plan or by an audited
    reveal."""

    home: Point | None = None
    work: Point | None = None

    @property
    def point(self) -> tuple[float, float] | None:
        """Where distances are measured from: home, else work."""
        p = self.home or self.work
        return None if p is None else (float(p[0]), float(p[1]))

    def parts(self) -> dict[str, Decimal | None]:
        """As LOCATION_PARTS (form fields, the action's data)."""
        home, work = self.home or (None, None), self.work or (None, None)
        return dict(zip(LOCATION_PARTS, (*home, *work), strict=True))

    @classmethod
    def from_parts(cls, parts: dict) -> Location:
        def point(lat, lon) -> Point | None:
            if lat is None or lon is None:
                return None
            return (Decimal(str(lat)).quantize(PLACES), Decimal(str(lon)).quantize(PLACES))

        return cls(point(parts.get("home_latitude"), parts.get("home_longitude")),
                   point(parts.get("work_latitude"), parts.get("work_longitude")))

    def to_json(self) -> str:
        def text(p: Point | None) -> list[str] | None:
            return None if p is None else [f"{p[0]:.6f}", f"{p[1]:.6f}"]

        return json.dumps({"home": text(self.home), "work": text(self.work)})

    @classmethod
    def from_json(cls, text: str) -> Location:
        if not text:
            return cls()
        data = json.loads(text)

        def point(p) -> Point | None:
            return None if p is None else (Decimal(p[0]), Decimal(p[1]))

        return cls(point(data.get("home")), point(data.get("work")))
