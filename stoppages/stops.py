"""Where a field's stop stands: the current stop of visible fields, who may ask, who is told.

A field is stopped as ``fieldwork.continuity`` says (no activity for the organization's
``stale_days``, or never); its current ``StoppedField`` row is the open one whose ``since``
is the field's last activity (any open row for a field that never had one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q
from django.utils import timezone

from access.models import Role
from access.scope import SECRETARY, scope_for
from accounts.models import User
from fieldwork.continuity import FieldContinuity, field_rows
from fieldwork.models import Field
from organizations.models import Unit
from stoppages.models import StoppedField


@dataclass
class Stop:
    row: FieldContinuity
    record: StoppedField | None  # None: nobody asked yet and no alert went out


def is_current(record: StoppedField, row: FieldContinuity) -> bool:
    if record.closed_on is not None or not row.stopped:
        return False
    if row.last_activity_on is None:
        return record.never_active
    return not record.never_active and record.since == row.last_activity_on


def current_records(user: Any, rows: list[FieldContinuity]) -> dict[int, StoppedField]:
    """The current stop row of each stopped row's field, where one exists (one query)."""
    ids = [row.field_id for row in rows if row.stopped]
    found: dict[int, StoppedField] = {}
    if not ids:
        return found
    by_field = {row.field_id: row for row in rows}
    for record in StoppedField.objects.restrict(user).filter(field_id__in=ids,
                                                             closed_on__isnull=True):
        if is_current(record, by_field[record.field_id]):
            found[record.field_id] = record
    return found


def stop_of(user: Any, field: Field, today: date | None = None) -> Stop | None:
    """The field's stop as ``user`` sees it, or None when the work goes on."""
    today = today or timezone.localdate()
    rows = [row for row, _path in field_rows(user, Q(pk=field.pk), today)]
    if not rows or not rows[0].stopped:
        return None
    return Stop(row=rows[0], record=current_records(user, rows).get(field.pk))


def _above_q(user: Any) -> Q:
    """Units strictly below a unit where the user holds any role: the committees above ask."""
    parts = [Q(path__startswith=g.path) & ~Q(pk=g.unit_id) for g in scope_for(user).grants]
    return reduce(or_, parts) if parts else Q(pk__in=[])


def askable_unit_ids(user: Any) -> set[int]:
    return set(Unit.objects.filter(_above_q(user)).values_list("pk", flat=True))


def may_ask(user: Any, field: Field) -> bool:
    return Unit.objects.filter(_above_q(user), pk=field.unit_id).exists()


def asking_unit(user: Any, field: Field) -> Unit | None:
    """The user's unit nearest above the field's unit: the committee that asks."""
    path = field.unit.path
    grants = [g for g in scope_for(user).grants
              if path.startswith(g.path) and g.unit_id != field.unit_id]
    if not grants:
        return None
    return Unit.objects.get(pk=max(grants, key=lambda g: len(g.path)).unit_id)


def secretaries_of(unit: Unit, today: date | None = None) -> list[User]:
    """The logins holding a secretary's role on the unit today."""
    roles = (Role.objects.active(today or timezone.localdate())
             .filter(unit=unit, kind=SECRETARY, user__is_active=True).select_related("user"))
    return list(dict.fromkeys(role.user for role in roles))


def since_of(row: FieldContinuity, field: Field) -> tuple[date, bool]:
    """The key of the current stop: the last activity, or (never any) the day it was mapped."""
    if row.last_activity_on is not None:
        return row.last_activity_on, False
    return timezone.localdate(field.created_at), True
