"""A member's capacity names an area, sealed inside ``location_sealed`` like the coordinates
it replaces (an area locates a person); fields sit in areas through their needs; the planner
measures between the areas' reference points, and old coordinates keep planning until an
area is chosen."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from audit.models import AuditEvent
from deployment.actions import do_create_area, do_set_capacity, do_set_field_need
from deployment.location import Location
from deployment.models import MemberCapacity, PlannedAssignment
from deployment.services import build_instance
from deployment.tests.world import CENTER

pytestmark = pytest.mark.django_db

# The fields of the North world sit at CENTER; "Far Town" is about 100 km north of them.
NEAR = {"latitude": Decimal(f"{CENTER[0]:.6f}"), "longitude": Decimal(f"{CENTER[1]:.6f}")}
FAR = {"latitude": Decimal("36.600000"), "longitude": Decimal(f"{CENTER[1]:.6f}")}


def _area(north, name, point):
    return do_create_area(acting_user=None, organization=north.world.orgs["rp"],
                          data={"name": name, "kind": "town", **point})


def _raw_row(capacity: MemberCapacity) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM deployment_membercapacity WHERE id = %s", [capacity.pk])
        return " ".join(str(v) for v in cursor.fetchone())


def test_the_chosen_area_is_sealed_in_the_capacity_row(north, login):
    area = _area(north, "Qarchak District", NEAR)
    person = north.person("alias-cella-2")
    secretary = north.world.user("cell_secretary")
    url = reverse("deployment:capacity_edit", kwargs={"uid": person.uid})
    page = login(secretary).get(url).content.decode()
    assert "Qarchak District" in page  # offered as a choice ...
    assert "latitude" not in page and "longitude" not in page  # ... never coordinates
    response = login(secretary).post(url, {"hours_per_week": "4", "area": str(area.uid),
                                           "max_distance_km": "15"})
    assert response.status_code == 302
    capacity = MemberCapacity.objects.get(person=person)
    raw = _raw_row(capacity)
    for secret in ("Qarchak", str(area.uid), area.uid.hex):
        assert secret not in raw
    columns = {c.name for c in connection.introspection.get_table_description(
        connection.cursor(), "deployment_membercapacity")}
    assert not {c for c in columns if "area" in c}
    assert capacity.unseal_location() == Location(area=area.uid)
    assert capacity.max_distance_km == 15
    event = AuditEvent.objects.filter(model="deployment.MemberCapacity",
                                      object_id=capacity.pk).latest("id")
    assert "area" in event.fields
    assert str(area.uid) not in json.dumps(event.changes) and area.name not in json.dumps(
        event.changes)
    # The form never shows the chosen area back: it is not pre-selected.
    page = login(secretary).get(url).content.decode()
    assert f'value="{area.uid}" selected' not in page


def test_choosing_an_area_forgets_the_old_coordinates(north):
    person = north.person("alias-cella-1")
    do_set_capacity(acting_user=None, person=person, data={
        "home_latitude": Decimal("35.88"), "home_longitude": Decimal("51.4")})
    area = _area(north, "Near Town", NEAR)
    capacity = do_set_capacity(acting_user=None, person=person, data={"area": area})
    assert capacity.unseal_location() == Location(area=area.uid)
    event = AuditEvent.objects.filter(model="deployment.MemberCapacity",
                                      object_id=capacity.pk).latest("id")
    assert set(event.fields) == {"area", "home_location"}


def _planned(north, alias: str) -> bool:
    secretary = north.world.user("cell_secretary")  # may change and reveal Cell A
    run = north.plan(user=secretary, unit=north.world.units["cell_a"])
    assert run.status == "done", run.error_message
    return PlannedAssignment.objects.filter(run=run, member=north.person(alias)).exists()


def test_a_member_whose_area_is_beyond_their_travel_limit_is_not_assigned(north):
    # The Steel Mill needs exactly two members: alias-cella-2 or nobody goes with alias-cella-1.
    far, near = _area(north, "Far Town", FAR), _area(north, "Near Town", NEAR)
    person = north.person("alias-cella-2")
    do_set_capacity(acting_user=None, person=person,
                    data={"area": far, "max_distance_km": Decimal("20")})
    assert not _planned(north, "alias-cella-2")
    do_set_capacity(acting_user=None, person=person, data={"area": near})
    assert _planned(north, "alias-cella-2")


def test_the_planner_measures_between_area_points(north):
    far = _area(north, "Far Town", FAR)
    for alias in ("alias-cella-1", "alias-cella-2"):
        do_set_capacity(acting_user=None, person=north.person(alias),
                        data={"area": far, "max_distance_km": Decimal("20")})
    # The Steel Mill's own coordinates are 100 km away; its needs put it in Far Town.
    do_set_field_need(acting_user=None, field=north.fields["steel"], data={"area": far})
    pi = build_instance(north.world.user("cell_secretary"), north.world.units["cell_a"])
    assert {m.id: m.location for m in pi.instance.members}[
        north.person("alias-cella-2").pk] == far.point
    assert {f.id: f.location for f in pi.instance.fields}[north.fields["steel"].pk] == far.point
    assert _planned(north, "alias-cella-2")


def test_old_coordinates_without_an_area_still_plan(north):
    do_set_capacity(acting_user=None, person=north.person("alias-cella-2"), data={
        "home_latitude": FAR["latitude"], "home_longitude": FAR["longitude"],
        "max_distance_km": Decimal("20")})
    pi = build_instance(north.world.user("cell_secretary"), north.world.units["cell_a"])
    assert {m.id: m.location for m in pi.instance.members}[
        north.person("alias-cella-2").pk] == (36.6, CENTER[1])
    assert not _planned(north, "alias-cella-2")


def test_an_area_of_another_organization_is_refused(north):
    other = do_create_area(acting_user=None, organization=north.world.orgs["op"],
                           data={"name": "X Town", "kind": "town", **NEAR})
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        do_set_capacity(acting_user=None, person=north.person("alias-cella-2"),
                        data={"area": other})
    with pytest.raises(ValidationError):
        do_set_field_need(acting_user=None, field=north.fields["steel"], data={"area": other})
