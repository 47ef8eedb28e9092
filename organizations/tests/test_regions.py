"""The phone region of a unit: its own, the country it names when unambiguous, the unit
above's, the organization's; chosen in the unit form."""

import pytest

from organizations.actions import do_update_organization, do_update_unit
from organizations.models import Unit
from organizations.regions import region_choices, region_of_country, unit_region
from organizations.tests.helpers import audits, form_errors, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("country", "region"), [
    ("Iran", "IR"), (" iran ", "IR"), ("IR", "IR"), ("Germany", "DE"),
    ("Kurdistan", ""), ("Nowhere", ""), ("", "")])
def test_it_maps_a_free_text_country_only_when_unambiguous(country, region):
    assert region_of_country(country) == region


def test_it_offers_every_region_with_its_country_code():
    choices = dict(region_choices())
    assert choices["IR"] == "Iran (+98)" and choices[""] == "—"
    assert len(choices) > 200


def _fresh(world, key) -> Unit:
    return Unit.objects.select_related("organization").get(pk=world.units[key].pk)


def test_the_nearest_unit_with_a_region_decides(world):
    assert unit_region(_fresh(world, "cell_a")) == ""
    do_update_organization(acting_user=None, org=world.orgs["rp"], data={"phone_region": "DE"})
    assert unit_region(_fresh(world, "cell_a")) == "DE"
    do_update_unit(acting_user=None, unit=world.units["north"], data={"country": "Iran"})
    assert unit_region(_fresh(world, "cell_a")) == "IR"
    assert unit_region(_fresh(world, "cell_c")) == "DE"
    do_update_unit(acting_user=None, unit=world.units["cell_a"], data={"phone_region": "IQ"})
    assert unit_region(_fresh(world, "cell_a")) == "IQ"


def test_the_unit_form_sets_the_phone_region(world, login):
    user = world.user("cell_secretary")
    response = login(user).post(url("unit_edit", world.units["cell_a"]), {
        "name": "Cell A", "kind": "cell", "field_kind": "workplace", "phone_region": "IR"})
    assert response.status_code == 302
    assert _fresh(world, "cell_a").phone_region == "IR"
    assert audits(world.units["cell_a"], "update").get().fields == ["phone_region"]


def test_the_unit_form_refuses_an_unknown_region(world, login):
    response = login(world.user("cell_secretary")).post(url("unit_edit", world.units["cell_a"]), {
        "name": "Cell A", "kind": "cell", "field_kind": "workplace", "phone_region": "ZZ"})
    assert "phone_region" in form_errors(response)
    assert _fresh(world, "cell_a").phone_region == ""
