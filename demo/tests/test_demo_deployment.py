"""The deployment in the demo (demo/deployment.py): areas for the cells' towns, the fields in
them, a few capacities with their area sealed, and a plan the mill cell's secretary can make
from them."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.models import User
from demo.builder import SANANDAJ_CELL, build_demo
from demo.deployment import AREAS
from demo.fieldwork import MILL
from deployment.models import Area, FieldNeed, MemberCapacity
from deployment.services import build_instance
from organizations.models import Unit


@pytest.fixture(autouse=True)
def _demo_install(settings, tmp_path):
    settings.NUCLEUS_DEMO = True
    settings.NUCLEUS_DEMO_MARKER = tmp_path / "demo-install"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = build_demo()
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def built(demo, db):
    return demo


def test_it_defines_areas_and_places_the_fields_in_them(built):
    assert {a.name for a in Area.objects.all()} >= {name for name, *_ in AREAS}
    need = FieldNeed.objects.get(field__name=MILL)
    assert need.area is not None and need.area.name == "Sanandaj industrial zone"


def test_the_capacities_choose_an_area_sealed_and_plan_from_its_point(built, settings):
    capacity = MemberCapacity.objects.get(person__alias="Cell-Sara")
    sanandaj = Area.objects.get(name="Sanandaj")
    assert capacity.unseal_location().area == sanandaj.uid
    assert "Sanandaj" not in capacity.location_sealed
    secretary = User.objects.get(username="secretary")  # the mill cell's, with identities
    cell = Unit.objects.get(name=SANANDAJ_CELL)
    pi = build_instance(secretary, cell)
    assert {m.id: m.location for m in pi.instance.members}[capacity.person_id] == sanandaj.point


def test_the_planning_page_lists_the_members_hours(built, client):
    cell = Unit.objects.get(name=SANANDAJ_CELL)
    client.force_login(User.objects.get(username="member"))
    body = client.get(reverse("deployment:planning", kwargs={"uid": cell.uid})).content.decode()
    assert "Cell-Sara" in body and "6 h a week" in body and "travels up to 15 km" in body
