"""The migration that chains the rows already written: it computes the same hashes as the
code that appends (its frozen copy of the serialisation must not drift)."""

import importlib

import pytest
from django.apps import apps

from audit.chain import digest, verify
from audit.models import AuditChainHead, AuditEvent
from audit.tests.helpers import sql

pytestmark = pytest.mark.django_db

migration = importlib.import_module("audit.migrations.0004_hash_chain_and_security_events")


def test_it_chains_existing_rows_in_the_order_they_were_written(world):
    count = AuditEvent.objects.count()
    assert count > 10
    # As before the migration: no positions or hashes, no head.
    sql("UPDATE audit_auditevent SET seq = -id, prev_hash = '', hash = ''", [])
    AuditChainHead.objects.all().delete()
    migration.chain_existing_rows(apps, None)
    rows = list(AuditEvent.objects.order_by("id"))
    assert [r.seq for r in rows] == list(range(1, count + 1))
    assert all(r.hash == digest(r) for r in rows)
    assert verify() is None
    assert AuditChainHead.objects.get().hash == rows[-1].hash
