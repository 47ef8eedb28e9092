"""Two writers at once keep one chain: the second waits for the first's head lock and
appends after its row (PostgreSQL; SQLite serialises writers with its database lock)."""

import threading

import pytest
from django.db import connection, connections, transaction

from audit.chain import verify
from audit.log import record_security_event
from audit.models import AuditEvent

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the test database on SQLite is in memory: one writer at a time by construction")


def _key_event(label: str) -> AuditEvent:
    return record_security_event(kind=AuditEvent.Action.KEY, actor=None,
                                 detail={"writer": label})


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_it_keeps_one_chain_with_two_concurrent_writers():
    appended, go, done = threading.Event(), threading.Event(), threading.Event()
    results = {}
    errors = []

    def first() -> None:
        try:
            with transaction.atomic():
                results["first"] = _key_event("first")
                appended.set()
                go.wait(10)  # holds the head lock until told
        except BaseException as exc:  # reported to the main thread
            errors.append(exc)
            appended.set()
        finally:
            connections.close_all()

    def second() -> None:
        try:
            with transaction.atomic():
                results["second"] = _key_event("second")
            done.set()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    a = threading.Thread(target=first)
    a.start()
    assert appended.wait(10)
    b = threading.Thread(target=second)
    b.start()
    # The second writer waits on the head while the first holds it.
    assert not done.wait(0.5)
    go.set()
    a.join(10)
    b.join(10)
    assert not errors, errors
    one, two = results["first"], results["second"]
    assert two.seq == one.seq + 1 and two.prev_hash == one.hash
    assert verify() is None


@pytest.mark.django_db(transaction=True)
def test_it_keeps_one_chain_across_committed_transactions():
    with transaction.atomic():
        one = _key_event("one")
    with transaction.atomic():
        two = _key_event("two")
    assert two.seq == one.seq + 1 and two.prev_hash == one.hash
    assert verify() is None
