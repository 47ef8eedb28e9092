"""The record-base migrations keep every row: a database holding the demo is taken back to
before them and forward again; counts are unchanged, every row has its own uid, and the
identities (bound to each person's uid) still decrypt.

The suite builds its test databases from the models (``--nomigrations``, ten seconds less per
worker); this test is where the migrations themselves run, so it marks them applied on that
schema first and then really takes them back and forth."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from demo.builder import build_demo
from people.models import Person
from tests.database_roles import as_owner, build_wall_for_tests
from vault import crypto

# The last migration of each app before the record base (issue 8).
BEFORE = [("access", "0002_translated_labels"), ("audit", "0002_translated_labels"),
          ("deployment", "0003_planned_assignment_reasons"),
          ("fieldwork", "0003_contact_profile_covering_index"),
          ("organizations", "0002_translated_labels"), ("people", "0002_translated_labels")]
APPS = [label for label, _ in BEFORE]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _counts() -> dict[str, int]:
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()
            if m._meta.app_label in APPS}


@pytest.mark.django_db(transaction=True)
def test_it_keeps_every_row_and_every_identity_across_the_migrations(settings):
    settings.MIGRATION_MODULES = {}  # the real migrations, not --nomigrations' empty ones
    with as_owner():  # behind the database wall the app's role may not change the schema
        _migrate_back_and_forth()
        build_wall_for_tests()  # tables dropped and made again lost their grants and policies


def _migrate_back_and_forth() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes(), fake=True)
    build_demo()
    before = _counts()
    sealed = dict(Person.objects.values_list("uid", "identity_sealed"))
    assert sum(before.values()) > 500 and len(sealed) > 10

    _migrate(BEFORE)
    # Models added after the record base (deployment's areas, say) lose their table going
    # back, and their rows with it: only the tables that stayed are counted.
    stayed = set(connection.introspection.table_names())
    kept = {label for label in before if apps.get_model(label)._meta.db_table in stayed}
    # Forward to every leaf: going back also took back the later apps' migrations that
    # depend on the record base (safety's, say).
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert {k: v for k, v in _counts().items() if k in kept} == {k: before[k] for k in kept}
    assert len(kept) > len(before) / 2  # the record base's own models are all there
    for model in apps.get_models():
        if model._meta.app_label in APPS and hasattr(model, "anchor"):
            uids = list(model._base_manager.values_list("uid", flat=True))
            assert None not in uids and len(set(uids)) == len(uids), model
    # The persons kept their uids, so each ciphertext still opens with its row's uid.
    assert dict(Person.objects.values_list("uid", "identity_sealed")) == sealed
    for person in Person.objects.all():
        person.unseal_identity()
    assert any(crypto.decrypt_json(text, aad=f"person:{uid}")["legal_name"]
               for uid, text in sealed.items())
