"""/healthz reports a broken audit chain, and to anonymous callers nothing more than that."""

import pytest

from audit import chain
from audit.tests.helpers import chained_rows, sql

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_verdict():
    # The health check remembers its last full walk while the head stays the same.
    chain.forget_verification()
    yield
    chain.forget_verification()


def test_it_reports_an_intact_chain(world, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["audit_chain"] == "ok"


def test_it_reports_a_broken_chain_without_details(world, client):
    _first, second, _third = chained_rows()
    sql("UPDATE audit_auditevent SET actor_id = NULL WHERE id = %s", [second.pk])
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["audit_chain"] == "audit chain broken" and body["status"] == "unavailable"
    text = response.content.decode()
    assert str(second.pk) not in text and str(second.seq) not in text


def test_it_walks_the_chain_again_after_a_new_row(world, client):
    assert client.get("/healthz").status_code == 200
    _first, second, _third = chained_rows()
    sql("DELETE FROM audit_auditevent WHERE id = %s", [second.pk])
    from audit.log import record_security_event

    record_security_event(kind="key", actor=None, detail={"operation": "test"})
    assert client.get("/healthz").json()["audit_chain"] == "audit chain broken"
