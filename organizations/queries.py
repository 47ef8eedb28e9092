"""Questions about the unit tree asked by more than one app's pages (the organization and
unit pages, the home page): domain queries under the access layer, not web plumbing."""

from __future__ import annotations

from collections.abc import Iterable

from organizations.models import Unit
from people.models import Headcount


def subtree_counts(user, units: Iterable[Unit]) -> dict[int, int]:
    """People the user may count in each unit's subtree: the kept count of each countable
    unit (people/headcounts.py, one row per unit rather than a count over every person),
    added to every unit on its path."""
    totals = {u.pk: 0 for u in units}
    if not totals:
        return {}
    organizations = {u.organization_id for u in units}
    rows = (Headcount.objects.countable(user).filter(unit__organization_id__in=organizations)
            .values_list("unit__path", "people"))
    for path, n in rows:
        for part in path.strip("/").split("/"):
            unit_id = int(part)
            if unit_id in totals:
                totals[unit_id] += n
    return totals
