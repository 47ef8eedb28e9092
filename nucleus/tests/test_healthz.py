"""GET /healthz: 200 when the database answers and every migration is applied, else 503."""

import pytest
from django.db import OperationalError
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from nucleus import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_migration_state():
    # The check remembers, per process, that every migration was applied.
    health.forget_migrations()
    yield
    health.forget_migrations()


def test_it_reports_healthy(client):
    response = client.get(reverse("healthz"))
    assert response.json() == {"database": True, "migrations": True, "audit_chain": "ok",
                               "identity_key": "ok", "status": "ok"}
    assert response.status_code == 200


def test_it_answers_anonymous_users_without_a_redirect(login):
    response = login(None).get("/healthz")
    assert (response.status_code, response.json()["status"]) == (200, "ok"), response.json()
    assert response["Content-Type"] == "application/json"


def test_it_is_never_cached(client):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]


def test_it_fails_when_migrations_are_unapplied(client, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan",
                        lambda self, targets: [("people", False)])
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": True, "migrations": False, "status": "unavailable"}


class _BrokenConnection:
    def cursor(self):
        raise OperationalError("could not connect to server")


def test_it_fails_when_the_database_errors(client, monkeypatch):
    monkeypatch.setattr(health, "connections", {"default": _BrokenConnection()})
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": False, "migrations": False,
                               "status": "unavailable", "error": "OperationalError"}


def test_it_builds_the_migration_plan_once_and_still_checks_the_database(client,
                                                                          monkeypatch):
    built = []
    plan = MigrationExecutor.migration_plan
    monkeypatch.setattr(MigrationExecutor, "migration_plan",
                        lambda self, targets: built.append(1) or plan(self, targets))
    for _ in range(3):
        assert client.get("/healthz").status_code == 200
    assert len(built) == 1
    monkeypatch.setattr(health, "connections", {"default": _BrokenConnection()})
    response = client.get("/healthz")
    assert (response.status_code, response.json()["database"]) == (503, False)


def test_it_checks_pending_migrations_again_until_they_are_applied(client, monkeypatch):
    pending = [[("people", False)]]
    plan = MigrationExecutor.migration_plan
    monkeypatch.setattr(MigrationExecutor, "migration_plan",
                        lambda self, targets: pending.pop() if pending else plan(self, targets))
    assert client.get("/healthz").status_code == 503
    assert client.get("/healthz").status_code == 200  # `migrate` ran meanwhile


def test_it_answers_in_a_few_queries(client, django_assert_max_num_queries):
    client.get("/healthz")
    with django_assert_max_num_queries(3):  # SELECT 1, the chain head, nothing else
        assert client.get("/healthz").status_code == 200


def test_it_only_answers_get(client):
    assert client.post("/healthz").status_code == 405
