"""Questions about the unit tree asked by more than one app's pages (the organization and
unit pages, the home page): domain queries under the access layer, not web plumbing."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count

from organizations.models import Unit
from people.models import Person


def subtree_counts(user, units: Iterable[Unit]) -> dict[int, int]:
    """People the user may count in each unit's subtree, from one grouped query: count per
    unit path, then add each count to every unit on that path."""
    totals = {u.pk: 0 for u in units}
    if not totals:
        return {}
    organizations = {u.organization_id for u in units}
    rows = (Person.objects.countable(user).filter(unit__organization_id__in=organizations)
            .values("unit__path").annotate(n=Count("id")).order_by())
    for row in rows:
        for part in row["unit__path"].strip("/").split("/"):
            unit_id = int(part)
            if unit_id in totals:
                totals[unit_id] += row["n"]
    return totals
