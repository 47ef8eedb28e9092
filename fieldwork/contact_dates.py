"""The last contact of each contact: the date of the latest activity that names them, kept on
the contact's profile so that lists, filters and the wall chart read one column."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Max, OuterRef, Subquery

from fieldwork.models import Activity, ContactProfile


def refresh_last_contact(person_ids: Iterable[int]) -> None:
    """Recompute the last contact of these people from their activities (after an activity
    naming them is recorded, corrected or removed)."""
    ids = sorted(set(person_ids))
    if not ids:
        return
    latest = (Activity.contacts.through.objects
              .filter(person_id=OuterRef("person_id"))
              .values("person_id").annotate(last=Max("activity__date"))
              .values("last"))  # type: ignore[misc]  # the stubs miss annotations
    ContactProfile.objects.filter(person_id__in=ids).update(last_contact_on=Subquery(latest))
