"""Every audit row is chained to the one before it, in the transaction that writes it."""

import hashlib

import pytest
from django.db import transaction

from audit.chain import canonical, digest, head_hash, verify
from audit.log import record, record_security_event
from audit.models import GENESIS, AuditChainHead, AuditEvent
from people.actions import do_update_person

pytestmark = pytest.mark.django_db


def test_it_chains_each_new_row_to_the_previous_one(world):
    before = AuditEvent.objects.order_by("-seq").first()
    person = world.people["alias-cella-1"]
    do_update_person(acting_user=world.user("cell_secretary"), person=person,
                     data={"alias": "alias-cella-1-renamed"})
    row = AuditEvent.objects.order_by("-seq").first()
    assert row.seq == before.seq + 1
    assert row.prev_hash == before.hash
    assert row.hash == digest(row) and len(row.hash) == 64
    assert head_hash() == (row.seq, row.hash)
    assert verify() is None


def test_it_hashes_every_stored_field(world):
    row = AuditEvent.objects.order_by("-seq").first()
    fields = {f.attname for f in AuditEvent._meta.concrete_fields} - {"id", "hash"}
    base = dict(seq=row.seq, at=row.at, actor_id=row.actor_id, action=row.action,
                model=row.model, object_id=row.object_id, unit_id=row.unit_id,
                fields=row.fields, changes=row.changes, detail=row.detail,
                prev_hash=row.prev_hash)
    assert set(base) == fields, "a new column must be part of the hash"
    assert hashlib.sha256(canonical(**base)).hexdigest() == row.hash
    for name, other in [("actor_id", 999), ("object_id", 999), ("unit_id", 999),
                        ("action", "delete"), ("fields", ["x"]), ("changes", {"a": [1, 2]}),
                        ("detail", {"u": "x"}), ("prev_hash", GENESIS), ("seq", 999)]:
        changed = {**base, name: other}
        assert hashlib.sha256(canonical(**changed)).hexdigest() != row.hash, name


def test_it_hashes_what_the_database_gives_back(world):
    """Tuples, UUIDs and dates in a row's values come back from JSON as lists and text: the
    hash is taken over those, so the row verifies after the round trip."""
    person = world.people["alias-cella-2"]
    event = record(actor=None, action="update", obj=person, fields=("phone",),
                   before={"alias": (1, 2)})
    stored = AuditEvent.objects.get(pk=event.pk)
    assert digest(stored) == stored.hash
    assert verify() is None


def test_it_keeps_one_chain_across_two_transactions(world):
    user = world.user("cell_member")
    with transaction.atomic():
        first = record_security_event(kind=AuditEvent.Action.LOGIN, actor=user)
    with transaction.atomic():
        second = record_security_event(kind=AuditEvent.Action.LOGOUT, actor=user)
    assert second.seq == first.seq + 1 and second.prev_hash == first.hash
    assert verify() is None


def test_it_starts_a_lost_head_after_the_last_row(world):
    """A flushed or lost head row must not start a second chain from the genesis hash."""
    last = AuditEvent.objects.order_by("-seq").first()
    AuditChainHead.objects.all().delete()
    event = record_security_event(kind=AuditEvent.Action.KEY, actor=None,
                                  detail={"operation": "test"})
    assert event.seq == last.seq + 1 and event.prev_hash == last.hash
    assert verify() is None


def test_it_refuses_to_change_a_row(world):
    row = AuditEvent.objects.order_by("-seq").first()
    row.action = "delete"
    with pytest.raises(TypeError):
        row.save()


def test_it_never_updates_audit_rows_when_a_unit_or_user_goes(world):
    """A deleted user or unit must not rewrite the rows that name them (SET NULL is an
    UPDATE: the chain would break, and the app role may not update audit rows)."""
    from accounts.models import User
    from organizations.actions import do_create_unit
    from organizations.models import Unit

    actor = User.objects.create_user("short-lived")
    unit = do_create_unit(acting_user=actor, organization=world.orgs["rp"],
                          parent=world.units["cell_c"].parent,
                          data={"name": "Short-lived cell", "kind": "cell",
                                "field_kind": "workplace"})
    rows = list(AuditEvent.objects.filter(actor_id=actor.pk).values_list("pk", "unit_id"))
    assert rows and all(unit_id == unit.pk for _pk, unit_id in rows)
    Unit.objects.filter(pk=unit.pk).delete()
    User.objects.filter(pk=actor.pk).delete()
    assert list(AuditEvent.objects.filter(actor_id=actor.pk).values_list("pk", "unit_id")) == rows
    assert verify() is None
