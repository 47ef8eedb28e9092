"""Tampering with the audit table as a thief of the database file would: raw SQL, past the
model (which refuses to change a row)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from access import dbwall
from audit.chain import verify
from audit.models import AuditEvent


def sql(statement: str, params: list[Any]) -> None:
    """Run a tampering statement. Behind the PostgreSQL wall the app role may not update or
    delete audit rows at all: that refusal is checked, and the test ends there."""
    if dbwall.enabled():
        with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
        pytest.skip("the app role may not change audit rows (refused, as it should be)")
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def chained_rows(count: int = 3) -> list[AuditEvent]:
    """The last ``count`` rows of an intact chain, oldest first."""
    assert verify() is None
    rows = list(AuditEvent.objects.order_by("-seq")[:count])
    assert len(rows) == count
    return rows[::-1]
