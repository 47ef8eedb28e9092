"""Moving publications out of organizations keeps every row: a database holding the demo is
taken back to before the move (its periodicals become publications again), a few rows with
other wordings are added there, and it is migrated forward: every publication is a
periodical again, with the same uid, and the frequencies that clearly say a schedule are one.

Like tests/test_record_base_migration.py, the real migrations run on a schema built by
them (the suite otherwise builds its test databases from the models)."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from demo.builder import build_demo
from publications.models import Periodical, StatusPeriod
from tests.database_roles import as_owner, build_wall_for_tests

ORGANIZATIONS_BEFORE = ("organizations", "0003_record_base")
BEFORE = [ORGANIZATIONS_BEFORE, ("publications", None)]
ADDED = {  # title: (kind, frequency, languages)
    "Every Friday Paper": ("newspaper", "every Friday", "fa, ku"),
    "Theory Review": ("journal", "three times a year", "en"),
    "Red Radio": ("broadcast", "24-hour", "fa"),
}


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_it_makes_every_publication_a_periodical(settings):
    settings.MIGRATION_MODULES = {}  # the real migrations, not --nomigrations' empty ones
    with as_owner():
        _migrate_back_and_forth()
        build_wall_for_tests()


def _migrate_back_and_forth() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes(), fake=True)
    build_demo()
    demo = dict(Periodical.objects.values_list("uid", "title"))
    assert len(demo) == 15  # every publication 000 and 001 name

    executor = _migrate(BEFORE)
    old = executor.loader.project_state(ORGANIZATIONS_BEFORE).apps
    Publication = old.get_model("organizations", "Publication")
    assert dict(Publication.objects.values_list("uid", "title")) == demo
    assert Publication.objects.get(title="Anternasional").frequency == "weekly (Friday)"
    wpi = Publication.objects.get(title="Anternasional").organization_id
    for title, (kind, frequency, languages) in ADDED.items():
        Publication.objects.create(uid=uuid.uuid4(), organization_id=wpi, title=title,
                                   kind=kind, frequency=frequency, languages=languages,
                                   started_year=1999, note="theoretical" if kind == "journal"
                                   else "")
    publications = dict(Publication.objects.values_list("uid", "title"))

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert dict(Periodical.objects.values_list("uid", "title")) == publications
    assert Periodical.objects.count() == len(publications)
    for periodical in Periodical.objects.all():
        assert periodical.editions.count() == 1
    friday = Periodical.objects.get(title="Every Friday Paper")
    assert (friday.languages, str(friday.started_on), friday.started_precision) == (
        ["fa", "ku"], "1999-01-01", "year")
    assert list(StatusPeriod.objects.filter(periodical=friday).values_list(
        "status", "frequency", "weekday")) == [("current", "weekly", 4)]
    theory = Periodical.objects.get(title="Theory Review")
    assert (theory.kind, theory.schedule_text) == ("theoretical_journal", "three times a year")
    assert not theory.status_periods.exists()
    radio = Periodical.objects.get(title="Red Radio")
    assert (radio.kind, radio.status_periods.get().frequency) == ("radio", "continuous")
    anternasional = Periodical.objects.get(title="Anternasional")
    assert anternasional.status_periods.get().weekday == 4
