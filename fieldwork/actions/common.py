"""Shared plumbing of the fieldwork actions: create, update and audit a record."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TypeVar

from django.db import models

from audit.log import record, snapshot

# --- shared plumbing ---

M = TypeVar("M", bound=models.Model)


def as_stored(obj: models.Model) -> None:
    """Decimals at the database's scale: 10 set over a stored 10.00 is no change."""
    for f in obj._meta.concrete_fields:
        value = getattr(obj, f.attname)
        if isinstance(f, models.DecimalField) and isinstance(value, Decimal):
            setattr(obj, f.attname, value.quantize(Decimal(1).scaleb(-f.decimal_places)))


def _create(acting_user, obj: M, fields: Iterable[str] = ()) -> M:
    """Validate, save and audit a new record; ``fields`` names what is no column (m2m)."""
    obj.full_clean()
    as_stored(obj)
    obj.save()
    record(actor=acting_user, action="create", obj=obj, fields=fields)
    return obj


def _assign(obj: models.Model, data: dict, frozen: Iterable[str] = ()) -> None:
    """Set plain fields; ``frozen`` ones only a dedicated action changes (unit, priority)."""
    allowed = set()
    for f in obj._meta.concrete_fields:
        if f.editable and not f.primary_key:
            allowed |= {f.name, f.attname}
    for key in data:
        if key not in allowed or key in frozen or key.removesuffix("_id") in frozen:
            raise ValueError(f"{key} cannot be changed here")
    for key, value in data.items():
        setattr(obj, key, value)


def _update(acting_user, obj: M, data: dict, *, frozen: Iterable[str] = ()) -> M:
    """Set, validate, save and audit (old and new values); unchanged: no save, no row."""
    before = snapshot(obj)
    _assign(obj, data, frozen)
    obj.full_clean()
    as_stored(obj)
    if snapshot(obj) != before:
        obj.save()
        record(actor=acting_user, action="update", obj=obj, before=before)
    return obj


def _save_changes(acting_user, obj: models.Model, before: dict, relations: dict[str, list],
                  sealed: Iterable[str] = ()) -> None:
    """Save and audit changed columns (old and new values), relations and sealed values (by
    name). A relation alone makes a new version too: a form opened before it is refused."""
    if not relations and not sealed and snapshot(obj) == before:
        return
    obj.save()
    for name, items in relations.items():
        getattr(obj, name).set(items)
    record(actor=acting_user, action="update", obj=obj, before=before,
           fields=[*relations, *sealed])


def _is_user(user) -> bool:
    return user is not None and user.is_authenticated
