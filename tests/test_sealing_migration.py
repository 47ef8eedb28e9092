"""The migrations that seal activity outcomes, assessment notes and members' locations and
capacity notes (issue #9) keep every value readable both ways: taken back, the plain columns
hold the values again (and plan runs their members' locations); taken forward again, the
plain columns are gone and the sealed ones open to the same values.

Like tests/test_record_base_migration.py, this marks the real migrations applied on the
schema the suite built from the models, then really runs these ones back and forth."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from deployment.actions import do_set_capacity, do_start_run
from deployment.models import MemberCapacity, PlanRun
from fieldwork.actions import (
    do_assess,
    do_create_contact,
    do_create_field,
    do_record_one_to_one,
    ensure_default_scale,
)
from fieldwork.models import Activity, Assessment
from tests.database_roles import as_owner, build_wall_for_tests

BEFORE_SEALING = [("fieldwork", "0005_activity_outcome_sealed_assessment_note_sealed"),
                  ("deployment", "0005_membercapacity_sealed_columns")]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _row(sql: str, *params) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _build(world) -> dict:
    secretary, cell_a = world.user("cell_secretary"), world.units["cell_a"]
    today = timezone.localdate()
    ensure_default_scale(world.orgs["rp"])
    field = do_create_field(acting_user=secretary, unit=cell_a, data={
        "name": "Migrated Mill", "latitude": Decimal("35.7"), "longitude": Decimal("51.4")})
    contact = do_create_contact(acting_user=secretary, field=field, alias="mig-contact").person
    assessment = do_assess(acting_user=secretary, person=contact, level_value=2,
                           assessed_on=today, note="mig note")
    activity = do_record_one_to_one(acting_user=secretary, unit=cell_a, contact=contact,
                                    member=None, date=today - timedelta(days=1),
                                    outcome="mig outcome", notes="mig notes")
    capacity = do_set_capacity(acting_user=secretary, person=world.people["alias-cella-1"],
                               data={"hours_per_week": Decimal("5"),
                                     "home_latitude": Decimal("35.712345"),
                                     "home_longitude": Decimal("51.398765"),
                                     "notes": "mig capacity notes"})
    run = do_start_run(acting_user=secretary, unit=cell_a, time_limit_s=2, inline=True)
    return {"assessment": assessment.pk, "activity": activity.pk, "capacity": capacity.pk,
            "run": run.pk, "member": capacity.person_id}


@pytest.mark.django_db(transaction=True)
def test_it_seals_and_unseals_without_losing_a_value(world, settings):
    settings.MIGRATION_MODULES = {}  # the real migrations, not --nomigrations' empty ones
    with as_owner():  # behind the database wall the app's role may not change the schema
        _seal_and_unseal(world)
        build_wall_for_tests()  # tables made again lost their grants and policies


def _seal_and_unseal(world) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes(), fake=True)
    ids = _build(world)

    _migrate(BEFORE_SEALING)
    assert _row("SELECT outcome, outcome_sealed FROM fieldwork_activity WHERE id = %s",
                ids["activity"]) == ("mig outcome", "")
    assert _row("SELECT note, note_sealed FROM fieldwork_assessment WHERE id = %s",
                ids["assessment"]) == ("mig note", "")
    lat, lon, notes, sealed = _row(
        "SELECT home_latitude, home_longitude, notes, location_sealed "
        "FROM deployment_membercapacity WHERE id = %s", ids["capacity"])
    assert (Decimal(str(lat)), Decimal(str(lon)), notes, sealed) == (
        Decimal("35.712345"), Decimal("51.398765"), "mig capacity notes", "")
    params = PlanRun.objects.values_list("params", flat=True).get(pk=ids["run"])
    located = {m["id"]: m["location"] for m in params["instance"]["members"]}
    assert located[ids["member"]] == [35.712345, 51.398765]

    # Forward to every app's last migration: nothing taken back along stays unapplied.
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    activity = Activity.objects.get(pk=ids["activity"])
    assert (activity.unseal_outcome(), activity.unseal_notes()) == ("mig outcome", "mig notes")
    assert Assessment.objects.get(pk=ids["assessment"]).unseal_note() == "mig note"
    capacity = MemberCapacity.objects.get(pk=ids["capacity"])
    assert capacity.unseal_location().point == (35.712345, 51.398765)
    assert capacity.unseal_notes() == "mig capacity notes"
    params = PlanRun.objects.values_list("params", flat=True).get(pk=ids["run"])
    assert all("location" not in m for m in params["instance"]["members"])
