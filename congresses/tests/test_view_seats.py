"""The seats of named units: the key becomes one of named units, and the mandate form
offers only those seats."""

from __future__ import annotations

from congresses.models import DelegateKey
from congresses.seats import seat_table
from congresses.tests.helpers import committee_secretary, conference


def test_it_sets_the_seats_of_a_named_unit(world, login):
    congress = conference(world)
    client = login(committee_secretary(world))
    url = f"/congresses/{congress.uid}/seats/"
    response = client.post(url, {"unit": str(world.units["cell_b"].uid), "seats": "3"})
    assert response.status_code == 302
    key = DelegateKey.objects.get(congress=congress)
    assert key.kind == "named"
    assert [(row.unit.name, row.members, row.seats) for row in seat_table(key)] == [
        ("Cell B", None, 3)]
    page = client.get(f"/congresses/{congress.uid}/").content.decode()
    assert "Cell B: 3 seats" in page
    client.post(url, {"unit": str(world.units["cell_b"].uid), "seats": "0"})
    assert not key.seats.exists()


def test_it_refuses_a_unit_outside_the_convening_units_subtree(world, login):
    congress = conference(world)
    client = login(committee_secretary(world))
    response = client.post(f"/congresses/{congress.uid}/seats/",
                           {"unit": str(world.units["cell_c"].uid), "seats": "1"})
    assert response.status_code == 200
    assert "not one of the available choices" in response.content.decode()
    assert not DelegateKey.objects.get(congress=congress).seats.exists()
