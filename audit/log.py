"""Writing audit rows; called by every action inside its transaction.

The row's unit comes from the record's anchor (``access/anchor.py``), so an audit view can be
scoped like the record itself. Changed fields are stored with their old and new values,
except sealed ones (identities, notes, blind indexes): of those only the name is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from audit.models import AuditEvent

if TYPE_CHECKING:
    from access.anchor import Anchor

# Bookkeeping columns of every record: not worth an audit entry of their own.
_BOOKKEEPING = frozenset({"id", "uid", "created_at", "updated_at", "version"})


def _plain(value: Any) -> Any:
    """A value as JSON would keep it (dates as ISO text, decimals and UUIDs as strings)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The audited values of a record: every concrete field but sealed and bookkeeping ones
    (foreign keys by id)."""
    sealed = set(getattr(obj, "sealed_fields", ()))
    return {f.name: _plain(getattr(obj, f.attname)) for f in obj._meta.concrete_fields
            if f.name not in sealed and f.name not in _BOOKKEEPING}


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(k for k in after if before.get(k) != after.get(k))


def unit_of(obj: models.Model) -> int | None:
    anchor: Anchor | None = getattr(type(obj), "anchor", None)
    if anchor is not None:
        return anchor.unit_id_of(obj)
    return getattr(obj, "unit_id", None)


def record(*, actor: Any, action: str, obj: models.Model, fields: Iterable[str] = (),
           before: dict[str, Any] | None = None, unit_id: int | None = None) -> AuditEvent:
    """One audit row. ``before`` (a ``snapshot`` taken before the change) gives old and new
    values of what changed; a create records the new values. ``fields`` adds names whose
    values are never stored (sealed identity parts) or that are not columns (many-to-many)."""
    names = set(fields)
    changes: dict[str, list[Any]] = {}
    if before is not None or action == "create":
        after = snapshot(obj)
        old = before or {}
        for name, value in after.items():
            if name in old and old[name] == value:
                continue
            if name not in old and action != "create":
                continue
            if action == "create" and value in (None, "", False, []):
                continue
            changes[name] = [old.get(name), value]
        names |= changes.keys()
    if unit_id is None:
        unit_id = unit_of(obj)
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action, model=obj._meta.label, object_id=obj.pk, unit_id=unit_id,
        fields=sorted(names), changes=changes)
