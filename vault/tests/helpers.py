"""Helpers for the key custody tests."""

from __future__ import annotations

from django.db import models

from audit.models import AuditEvent
from vault import custody


def clear_sealed_data() -> None:
    """Empty every sealed column (inside the test's transaction): a database that has never
    sealed anything, as a new install's is."""
    for model, fields in custody._sealed_columns():
        model._base_manager.update(**{f.name: "" if not f.null else None for f in fields})


def key_events(operation: str) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(action="key", detail__operation=operation)
