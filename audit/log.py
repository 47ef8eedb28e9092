"""Writing audit rows; called by every action inside its transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from audit.models import AuditEvent


def record(*, actor, action: str, obj: models.Model, fields: Iterable[str] = (),
           unit_id: int | None = None) -> AuditEvent:
    if unit_id is None:
        unit_id = getattr(obj, "unit_id", None)
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action, model=obj._meta.label, object_id=obj.pk, unit_id=unit_id,
        fields=sorted(fields))


def changed_fields(before: dict, after: dict) -> list[str]:
    return sorted(k for k in after if before.get(k) != after.get(k))
