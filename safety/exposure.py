"""What a frozen account could see: taken at the freeze, shown in the exposure report.

At the freeze the account's scope is written down (units whose records it saw, the people
in each, whether it could reveal their identities there) before its roles end, so the
report can say whom it could have named however the roles change afterwards. A reader of
the report is shown this through their own scope: a unit only when they see it in the tree,
an alias only when they may see that person, otherwise a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from organizations.models import Unit
from people.models import Person


def scope_snapshot(account: Any) -> list[dict[str, Any]]:
    """The account's record scope now, as JSON: ``[{"unit", "people", "identities"}]``."""
    units = list(Unit.objects.holding_records(account, "view").order_by("path")
                 .values_list("pk", flat=True))
    revealing = set(Unit.objects.holding_records(account, "reveal").values_list("pk", flat=True))
    people: dict[int, list[int]] = {pk: [] for pk in units}
    for unit_id, person_id in (Person.objects.restrict(account).order_by("pk")
                               .values_list("unit_id", "pk")):
        people.setdefault(unit_id, []).append(person_id)
    return [{"unit": pk, "people": people[pk], "identities": pk in revealing} for pk in people]


@dataclass
class SeenUnit:
    """One unit of the frozen account's scope, as the reader may be shown it."""

    unit: Unit
    people_count: int
    identities: bool
    # The people of the unit the reader may see (aliases); the rest are only counted.
    visible_people: list[Person] = field(default_factory=list)

    @property
    def hidden_count(self) -> int:
        return self.people_count - len(self.visible_people)


def seen_units(reader: Any, exposure: list[dict[str, Any]]) -> list[SeenUnit]:
    """The snapshot through the reader's scope: units the reader sees in the tree, and in
    each the aliases the reader may see."""
    by_unit = {int(entry["unit"]): entry for entry in exposure}
    units = Unit.objects.restrict(reader).filter(pk__in=by_unit).order_by("path")
    all_people = [pk for entry in exposure for pk in entry.get("people", [])]
    visible = {p.pk: p for p in Person.objects.restrict(reader).filter(pk__in=all_people)}
    rows = []
    for unit in units:
        entry = by_unit[unit.pk]
        ids = entry.get("people", [])
        shown = [visible[pk] for pk in ids if pk in visible]
        rows.append(SeenUnit(unit=unit, people_count=len(ids),
                             identities=bool(entry.get("identities")),
                             visible_people=sorted(shown, key=lambda p: p.alias)))
    return rows
