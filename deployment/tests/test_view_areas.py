"""The organization's areas: added and edited through actions with an audit row, by who may
change the organization's catalogue (the secretaries of its top unit); its users see them;
anyone else gets 404."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent
from deployment.actions import do_create_area, do_update_area
from deployment.models import Area

pytestmark = pytest.mark.django_db

DATA = {"name": "Ahvaz Industrial Zone", "kind": "industrial_zone",
        "latitude": Decimal("31.300000"), "longitude": Decimal("48.700000")}


def _areas_url(org):
    return reverse("deployment:areas", kwargs={"uid": org.uid})


def test_it_adds_and_edits_an_area_through_actions_with_audit(world):
    founder = User.objects.get(username="founder")
    area = do_create_area(acting_user=founder, organization=world.orgs["rp"], data=DATA)
    created = AuditEvent.objects.get(model="deployment.Area", object_id=area.pk)
    assert created.action == "create" and created.actor == founder
    assert created.changes["name"] == [None, "Ahvaz Industrial Zone"]
    do_update_area(acting_user=founder, area=area, data={**DATA, "latitude": Decimal("31.31")})
    updated = AuditEvent.objects.filter(model="deployment.Area", object_id=area.pk,
                                        action="update").get()
    assert updated.changes == {"latitude": ["31.300000", "31.310000"]}
    with pytest.raises(ValidationError):
        do_create_area(acting_user=founder, organization=world.orgs["rp"], data=DATA)
    with pytest.raises(ValidationError):
        do_create_area(acting_user=founder, organization=world.orgs["rp"],
                       data={**DATA, "name": "Nowhere", "latitude": Decimal("91")})


def test_the_top_secretary_adds_and_edits_areas_on_the_page(world, login):
    founder = User.objects.get(username="founder")
    client = login(founder)
    page = client.get(_areas_url(world.orgs["rp"])).content.decode()
    assert "Add an area" in page and "never where a member lives" in page
    response = client.post(_areas_url(world.orgs["rp"]), {
        "name": "Karaj", "kind": "town", "latitude": "35.84", "longitude": "50.94"})
    assert response.status_code == 302
    area = Area.objects.get(organization=world.orgs["rp"], name="Karaj")
    edit = reverse("deployment:area_edit", kwargs={"uid": area.uid})
    assert edit in client.get(_areas_url(world.orgs["rp"])).content.decode()
    response = client.post(edit, {"name": "Karaj centre", "kind": "town", "latitude": "35.84",
                                  "longitude": "50.94", "version": area.version})
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.name == "Karaj centre"
    assert AuditEvent.objects.filter(model="deployment.Area", object_id=area.pk).count() == 2


def test_members_see_the_areas_but_only_the_catalogue_keepers_change_them(world, login):
    area = do_create_area(acting_user=None, organization=world.orgs["rp"], data=DATA)
    client = login(world.user("cell_secretary"))
    page = client.get(_areas_url(world.orgs["rp"])).content.decode()
    assert "Ahvaz Industrial Zone" in page and "Add an area" not in page
    edit = reverse("deployment:area_edit", kwargs={"uid": area.uid})
    assert edit not in page
    client.post(_areas_url(world.orgs["rp"]), {**DATA, "name": "Sneaky"})
    assert not Area.objects.filter(name="Sneaky").exists()
    assert client.get(edit).status_code == 404
    outsider = login(world.user("outsider"))
    assert outsider.get(_areas_url(world.orgs["rp"])).status_code == 404
    assert outsider.get(edit).status_code == 404
