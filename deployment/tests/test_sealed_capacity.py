"""Where a member lives and works and the notes about them are sealed (issue #9): ciphertext
bound to the capacity's row, never in audit rows, never shown by the capacity form, revealed
only with the reveal right (audited). The planner decrypts locations under the access layer,
once per run, and keeps no coordinates with the run."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from audit.models import AuditEvent
from deployment.actions import do_edit_plan, do_set_capacity, reveal_capacity
from deployment.location import Location
from deployment.models import MemberCapacity, PlannedAssignment
from deployment.services import build_instance
from deployment.tests.world import CENTER

pytestmark = pytest.mark.django_db

# A home about 20 km north of the fields (all at CENTER), a workplace beside them.
HOME = {"home_latitude": Decimal("35.880000"), "home_longitude": Decimal("51.400000")}
WORK = {"work_latitude": Decimal("35.701234"), "work_longitude": Decimal("51.404321")}
SECRETS = ("35.88", "35.701234", "51.404321", "51.4")


def _capacity(north, alias="alias-cella-1", **data) -> MemberCapacity:
    return do_set_capacity(acting_user=None, person=north.person(alias),
                           data={**HOME, **WORK, "notes": "sleeps at her sister's", **data})


def _raw_row(capacity: MemberCapacity) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM deployment_membercapacity WHERE id = %s", [capacity.pk])
        return " ".join(str(v) for v in cursor.fetchone())


def test_it_stores_locations_and_notes_only_as_ciphertext(north):
    capacity = _capacity(north)
    raw = _raw_row(capacity)
    assert capacity.location_sealed and capacity.notes_sealed
    for secret in (*SECRETS[:3], "sister"):
        assert secret not in raw
    columns = {c.name for c in connection.introspection.get_table_description(
        connection.cursor(), "deployment_membercapacity")}
    assert not columns & {"home_latitude", "home_longitude", "work_latitude",
                          "work_longitude", "notes"}
    stored = MemberCapacity.objects.get(pk=capacity.pk)
    assert stored.unseal_location() == Location(home=(Decimal("35.880000"), Decimal("51.4")),
                                                work=(Decimal("35.701234"),
                                                      Decimal("51.404321")))
    assert stored.unseal_notes() == "sleeps at her sister's"


def test_it_names_the_sealed_parts_in_the_audit_row_without_values(north):
    capacity = _capacity(north)
    event = AuditEvent.objects.filter(model="deployment.MemberCapacity",
                                      object_id=capacity.pk).latest("id")
    assert {"home_location", "work_location", "notes"} <= set(event.fields)
    text = json.dumps(event.changes) + json.dumps(event.fields)
    for secret in (*SECRETS[:3], "sister", capacity.location_sealed):
        assert secret not in text
    # Changing only the work place names only that.
    do_set_capacity(acting_user=None, person=capacity.person,
                    data={"work_latitude": Decimal("35.6"), "work_longitude": Decimal("51.3")})
    event = AuditEvent.objects.filter(model="deployment.MemberCapacity",
                                      object_id=capacity.pk).latest("id")
    assert event.fields == ["work_location"] and "35.6" not in json.dumps(event.changes)


def test_it_keeps_sealed_parts_not_given_and_clears_them_on_request(north):
    capacity = _capacity(north)
    do_set_capacity(acting_user=None, person=capacity.person, data={"hours_per_week": 3})
    capacity.refresh_from_db()
    assert capacity.unseal_location().home == (Decimal("35.88"), Decimal("51.4"))
    assert capacity.unseal_notes() == "sleeps at her sister's"
    do_set_capacity(acting_user=None, person=capacity.person,
                    data={"home_latitude": None, "home_longitude": None, "notes": ""})
    capacity.refresh_from_db()
    assert capacity.unseal_location().home is None and capacity.notes_sealed == ""
    assert capacity.unseal_location().point == (35.701234, 51.404321)


@pytest.mark.parametrize("data, field", [
    ({"home_latitude": Decimal("95"), "home_longitude": Decimal("1")}, "home_latitude"),
    ({"work_latitude": Decimal("1")}, "work_longitude"),
])
def test_it_refuses_bad_coordinates(north, data, field):
    with pytest.raises(ValidationError) as error:
        do_set_capacity(acting_user=None, person=north.person("alias-north-2"), data=data)
    assert field in error.value.message_dict


def test_the_capacity_form_never_shows_sealed_values(north, login):
    capacity = _capacity(north)
    secretary = north.world.user("cell_secretary")
    url = reverse("deployment:capacity_edit", kwargs={"uid": capacity.person.uid})
    reveal = reverse("deployment:capacity_reveal", kwargs={"uid": capacity.person.uid})
    page = login(secretary).get(url).content.decode()
    for secret in ("35.88", "35.701234", "sister"):
        assert secret not in page
    assert reveal in page
    # The North planner may change Cell A's records but not reveal them: no button.
    assert reveal not in login(north.planner).get(url).content.decode()
    # Saving with the sealed inputs left empty keeps them.
    response = login(north.planner).post(url, {"hours_per_week": "5", "skills": ["writing"],
                                               "languages": "fa"})
    assert response.status_code == 302
    capacity.refresh_from_db()
    assert capacity.hours_per_week == 5 and capacity.unseal_notes() == "sleeps at her sister's"
    assert capacity.unseal_location().home == (Decimal("35.88"), Decimal("51.4"))
    # The form offers no coordinates; a tick forgets the area and the old coordinates.
    assert "latitude" not in page and "longitude" not in page
    login(north.planner).post(url, {"hours_per_week": "5", "clear_location": "on"})
    capacity.refresh_from_db()
    assert capacity.unseal_location() == Location()


def test_revealing_a_capacity_needs_the_right_and_is_audited(north, login):
    capacity = _capacity(north)
    url = reverse("deployment:capacity_reveal", kwargs={"uid": capacity.person.uid})

    def reveals() -> int:
        return AuditEvent.objects.filter(action="reveal", model="deployment.MemberCapacity",
                                         object_id=capacity.pk).count()

    for user in (north.planner, north.world.user("cell_member"),
                 north.world.user("sibling_secretary")):
        assert login(user).post(url).status_code == 404
    assert reveals() == 0
    client = login(north.world.user("cell_secretary"))
    assert client.get(url).status_code == 405
    response = client.post(url)
    body = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "35.880000" in body and "sleeps at her sister" in body
    event = AuditEvent.objects.get(action="reveal", model="deployment.MemberCapacity")
    assert event.actor == north.world.user("cell_secretary")
    assert event.fields == ["home_location", "notes", "work_location"]
    text = reveal_capacity(acting_user=north.world.user("cell_secretary"), capacity=capacity)
    assert text.location.point == (35.88, 51.4)


def test_the_planner_uses_only_locations_the_planning_user_may_reveal(north):
    _capacity(north)
    member = north.person("alias-cella-1").pk
    # The cell secretary holds the identity right on Cell A: the home is planned with.
    pi = build_instance(north.world.user("cell_secretary"), north.world.units["cell_a"])
    located = {m.id: m.location for m in pi.instance.members}
    assert located[member] == (35.88, 51.4) and pi.withheld_locations == 0
    # The North planner may plan Cell A's members but not reveal them: no location.
    pi = build_instance(north.planner, north.unit)
    assert {m.id: m.location for m in pi.instance.members}[member] is None
    assert pi.withheld_locations == 1


def test_the_planner_decrypts_each_location_once_per_run(north, monkeypatch):
    for alias in ("alias-cella-1", "alias-cella-2"):
        _capacity(north, alias)
    calls = []
    real = MemberCapacity.unseal_location

    def counting(self, keyring=None):
        calls.append(self.pk)
        return real(self, keyring)

    monkeypatch.setattr(MemberCapacity, "unseal_location", counting)
    run = north.plan(user=north.world.user("cell_secretary"), unit=north.world.units["cell_a"])
    assert run.status == "done", run.error_message
    # Two members, several fields: one decryption per member, not one per member and field.
    assert sorted(calls) == sorted(MemberCapacity.objects.filter(
        person__unit=north.world.units["cell_a"]).values_list("pk", flat=True))


def test_a_run_keeps_no_member_coordinates(north):
    _capacity(north)
    run = north.plan(user=north.world.user("cell_secretary"), unit=north.world.units["cell_a"])
    assert run.status == "done", run.error_message
    stored = json.dumps(run.params) + json.dumps(run.diff) + json.dumps(run.unstaffed)
    stored += run.message + run.error_message
    stored += " ".join(f"{p.explanation} {p.reasons}"
                       for p in PlannedAssignment.objects.filter(run=run))
    for secret in ("35.88", "35.701234", "51.404321"):
        assert secret not in stored
    # Nor distances from the home: against several known fields they would locate it.
    assert PlannedAssignment.objects.filter(run=run,
                                            member=north.person("alias-cella-1")).exists()
    assert "km away" not in stored and "20.0" not in stored
    members = run.params["instance"]["members"]
    assert members and all("location" not in m for m in members)
    # Fields are structure: their own place stays in the snapshot.
    assert run.params["instance"]["fields"][0]["location"] == list(CENTER)


def test_editing_a_plan_checks_distances_with_the_decrypted_locations(north):
    # 20 km from every field, and willing to go 5 km: never planned, and refused by hand.
    _capacity(north, max_distance_km=Decimal("5"), work_latitude=None, work_longitude=None)
    secretary = north.world.user("cell_secretary")
    run = north.plan(user=secretary, unit=north.world.units["cell_a"])
    member = north.person("alias-cella-1").pk
    assert not PlannedAssignment.objects.filter(run=run, member_id=member).exists()
    with pytest.raises(ValidationError) as error:
        do_edit_plan(acting_user=secretary, run=run, op="add",
                     field_id=north.fields["steel"].pk, member_id=member)
    message = " ".join(error.value.messages)
    assert "20.02 km from" in message and "(max 5.0)" in message, message
