"""The unit's materials and distributions page, and adding a material."""

import pytest

from agitprop.models import Material
from agitprop.tests.helpers import leaflet, url

pytestmark = pytest.mark.django_db


def test_it_adds_and_lists_a_material(world, login):
    client = login(world.user("cell_secretary"))
    cell = world.units["cell_a"]
    response = client.post(url("materials", cell), {"kind": "poster", "title": "Strike!"})
    assert response.status_code == 302
    assert Material.objects.get().unit == cell
    assert "Strike!" in client.get(url("materials", cell)).content.decode()


def test_it_refuses_a_bad_kind_and_an_empty_title(world, login):
    response = login(world.user("cell_secretary")).post(
        url("materials", world.units["cell_a"]), {"kind": "banner", "title": ""})
    assert set(response.context["form"].errors) == {"kind", "title"}
    assert not Material.objects.exists()


def test_it_404s_for_another_unit(world, login):
    leaflet(world, "cell_b")
    assert login(world.user("cell_secretary")).get(
        url("materials", world.units["cell_b"])).status_code == 404
