"""The organization's list of class positions: the default after 004, read by its users,
added to, renamed and retired by its top secretaries."""

from __future__ import annotations

from access.actions import do_grant_role
from accounts.models import User
from congresses.models import ClassPosition
from tests.cast import PASSWORD


def _top_secretary(world) -> User:
    user = User.objects.create_user("rp-top", password=PASSWORD)
    do_grant_role(acting_user=None, user=user, unit=world.units["rp_congress"],
                  kind="secretary")
    return user


def test_it_shows_the_default_list_to_a_cell_member_without_edit_links(world, login):
    page = login(world.user("cell_member")).get(
        f"/units/{world.units['cell_a'].uid}/class-positions/").content.decode()
    for label in ("Industrial worker", "Semi-proletarian", "Poor peasant", "Small trader"):
        assert label in page
    assert "Add a class position" not in page and "/edit/" not in page
    assert ClassPosition.objects.filter(organization=world.orgs["rp"]).count() == 12


def test_it_lets_the_top_secretary_add_and_retire_a_position(world, login):
    client = login(_top_secretary(world))
    rp = world.orgs["rp"]
    client.get(f"/units/{world.units['rp_congress'].uid}/class-positions/")
    response = client.post(f"/organizations/{rp.uid}/class-positions/new/",
                           {"label": "Fisher", "position": "13"})
    assert response.status_code == 302
    entry = ClassPosition.objects.get(organization=rp, label="Fisher")
    response = client.post(f"/class-positions/{entry.uid}/edit/", {
        "label": "Fisher", "position": "13", "retired": "on", "version": entry.version})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.retired


def test_it_keeps_the_list_from_a_cell_secretary(world, login):
    client = login(world.user("cell_secretary"))
    rp = world.orgs["rp"]
    assert client.get(f"/organizations/{rp.uid}/class-positions/new/").status_code == 404
