"""The database wall on PostgreSQL (access/dbwall.py): raw SQL as the app's role, which the
whole suite runs as in CI (.ci/run), sees exactly the rows of the scope it was given and
nothing without one; the audit tables are insert-only for it; it owns nothing."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from access import dbwall
from tests.cast import CAST

pytestmark = pytest.mark.skipif(
    not dbwall.enabled(), reason="the wall needs PostgreSQL with NUCLEUS_DB_APP_ROLE")


def _rows(table: str) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (names from the models)
        return {tuple(row) for row in cursor.fetchall()}  # type: ignore[misc]


def _expected(walled: dbwall.WalledTable, unit_ids: set[int]) -> int:
    model = walled.model
    assert model is not None
    lookup = f"{model.anchor.unit_lookup()}__in"  # type: ignore[attr-defined]
    with dbwall.system_scope():
        return model._base_manager.filter(**{lookup: unit_ids}).count()


def _model_tables() -> list[dbwall.WalledTable]:
    return [walled for walled in dbwall.walled_tables() if walled.model is not None]


def test_every_personal_table_has_forced_row_level_security(world):
    names = [walled.table for walled in dbwall.walled_tables()]
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relname = ANY(%s) "
                       "AND relrowsecurity AND relforcerowsecurity", [names])
        forced = {name for (name,) in cursor.fetchall()}
    assert forced == set(names)
    # People, their profiles, activities, assessments, roles, the audit log ...
    for table in ("people_person", "fieldwork_contactprofile",
                  "fieldwork_activity", "fieldwork_assessment", "access_role",
                  "audit_auditevent", "audit_tombstone"):
        assert table in forced


def test_each_cast_member_sees_exactly_the_rows_of_its_scope(world):
    from organizations.models import Unit

    checked = 0
    for name in CAST:
        user = world.user(name)
        if user is None:
            continue
        with dbwall.system_scope():
            unit_ids = set(Unit.objects.restrict(user, "view").values_list("id", flat=True))
        with dbwall.user_scope(user):
            seen = {walled.table: len(_rows(walled.table)) for walled in _model_tables()}
        for walled in _model_tables():
            assert seen[walled.table] == _expected(walled, unit_ids), (name, walled.table)
            checked += seen[walled.table]
    assert checked > 20  # the world has people, roles and profiles in these scopes


def test_it_shows_the_outsider_none_of_the_red_partys_people(world):
    with dbwall.user_scope(world.user("outsider")):
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM people_person WHERE unit_id = %s",
                           [world.units["cell_a"].pk])
            assert cursor.fetchone()[0] == 0


def test_no_scope_sees_nothing(world):
    with dbwall.system_scope():
        assert sum(len(_rows(w.table)) for w in _model_tables()) > 20
    with dbwall.scope(dbwall.NO_SCOPE):
        for walled in dbwall.walled_tables():
            assert _rows(walled.table) == set(), walled.table


def test_a_scope_the_app_did_not_sign_sees_nothing(world):
    forged = dbwall.payload_for(everything=True) + "|" + "0" * 64
    with dbwall.scope(forged):
        assert _rows("people_person") == set()
    with connection.cursor() as cursor:  # nor set by hand, past the app's wrapper
        cursor.execute("SELECT set_config(%s, %s, true)", [dbwall.SETTING, forged])
        cursor.execute("SELECT count(*) FROM people_person")
        assert cursor.fetchone()[0] == 0


def test_it_refuses_a_write_outside_the_scope(world):
    cell_a = world.units["cell_a"]
    with dbwall.user_scope(world.user("outsider")):
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("UPDATE people_person SET alias = 'x' WHERE unit_id = %s "
                               "RETURNING id", [cell_a.pk])
                assert cursor.fetchall() == []
                raise DatabaseError("no row was visible to change")


@pytest.mark.parametrize("statement", ["UPDATE audit_auditevent SET action = 'x'",
                                       "DELETE FROM audit_auditevent",
                                       "UPDATE audit_tombstone SET model = 'x'"])
def test_the_audit_tables_are_insert_only_for_the_app(world, statement):
    with dbwall.system_scope():
        with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement)


def test_the_app_role_owns_nothing_and_cannot_bypass_the_wall(world):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, rolbypassrls, rolsuper FROM pg_roles "
                       "WHERE rolname = current_user")
        user, bypass, superuser = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM pg_tables WHERE tableowner = current_user")
        owned = cursor.fetchone()[0]
    assert (bypass, superuser, owned) == (False, False, 0), user
    with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {dbwall.SECRET_TABLE}")  # noqa: S608
