"""The kept count of people per unit (``people.models.Headcount``).

The actions that add, move and remove a person (``people.actions``, ``people.merge``) call
``adjust`` inside their transaction, so the count moves with the row or not at all. ``rebuild``
counts afresh: the migration that introduced the table runs it, and so does anything that
writes people as rows without the actions (the benchmark's generator). Every reader goes
through ``Headcount.objects.countable(user)``: the counts are exactly what
``Person.objects.countable(user)`` would count, one row per unit instead of one per person.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F


def adjust(unit_id: int, delta: int) -> None:
    """Add ``delta`` (negative: remove) to the unit's count, in the caller's transaction."""
    from people.models import Headcount

    if not delta:
        return
    if Headcount.objects.filter(unit_id=unit_id).update(people=F("people") + delta):
        return
    try:
        # The first person of the unit. Two first people at once: the loser updates.
        with transaction.atomic():
            Headcount.objects.create(unit_id=unit_id, people=max(0, delta))
    except IntegrityError:
        Headcount.objects.filter(unit_id=unit_id).update(people=F("people") + delta)


def fresh_counts(person_model: Any) -> dict[int, int]:
    """People per unit, counted row by row (what the kept counts must equal)."""
    return dict(person_model._default_manager.values("unit_id").annotate(n=Count("id"))
                .order_by().values_list("unit_id", "n"))


def rebuild(person_model: Any = None, headcount_model: Any = None) -> int:
    """Replace every kept count by a fresh count; the number of units with people. Takes the
    migration's historical models, or the current ones."""
    if person_model is None or headcount_model is None:
        from people.models import Headcount, Person

        person_model, headcount_model = Person, Headcount
    counts = fresh_counts(person_model)
    with transaction.atomic():
        headcount_model._default_manager.all().delete()
        headcount_model._default_manager.bulk_create(
            [headcount_model(unit_id=unit_id, people=n) for unit_id, n in counts.items()],
            batch_size=1000)
    return len(counts)
