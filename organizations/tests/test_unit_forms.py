"""Create, edit and move units."""

import pytest

from organizations.models import Unit
from organizations.tests.helpers import audits, form_errors, founder, url

pytestmark = pytest.mark.django_db

CELL = {"name": "Cell D", "kind": "cell", "field_kind": "workplace", "country": ""}


def _unit(world, key) -> Unit:
    return Unit.objects.get(pk=world.units[key].pk)


# --- create (pk is the parent) ---

def test_create_requires_login(world, client):
    response = client.post(url("unit_create", world.units["north"]), CELL)
    assert response.status_code == 302 and response.url.startswith("/login/")
    assert not Unit.objects.filter(name="Cell D").exists()


def test_create_404s_without_add_access(world, login):
    # The overseer is a member (no structure changes); the cell secretary has no oversight.
    for who in ("overseer", "committee_member", "cell_secretary", "outsider"):
        client = login(world.user(who))
        assert client.get(url("unit_create", world.units["north"])).status_code == 404
        assert client.post(url("unit_create", world.units["north"]), CELL).status_code == 404
    assert not Unit.objects.filter(name="Cell D").exists()


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"field_kind": ""}, "field_kind", "A cell works in a field: choose its kind."),
    ({"kind": "committee"}, "field_kind", "Only cells have a field of work."),
    ({"name": "Cell A"}, "__all__", "already exists"),
    ({"name": ""}, "name", "This field is required."),
])
def test_create_rejects_bad_input_and_changes_nothing(world, login, change, field, message):
    before = Unit.objects.count()
    response = login(founder()).post(url("unit_create", world.units["north"]),
                                     {**CELL, **change})
    assert message in " ".join(form_errors(response)[field])
    assert Unit.objects.count() == before


def test_create_refuses_sub_units_of_a_cell(world, login):
    client = login(world.user("cell_secretary"))
    page = client.get(url("unit_create", world.units["cell_a"])).content.decode()
    assert "A cell is a basic unit: it has no sub-units." in page
    before = Unit.objects.count()
    response = client.post(url("unit_create", world.units["cell_a"]), CELL)
    assert form_errors(response)["__all__"] == ["A cell is a basic unit: it has no sub-units."]
    assert Unit.objects.count() == before


def test_create_adds_a_sub_unit_and_audits(world, login):
    response = login(founder()).post(url("unit_create", world.units["north"]), CELL)
    unit = Unit.objects.get(name="Cell D")
    assert response.status_code == 302 and response.url == url("unit_detail", unit)
    assert unit.parent == world.units["north"] and unit.path.startswith(world.units["north"].path)
    assert audits(unit, "create").get().actor == founder()


# --- edit ---

def test_edit_404s_without_change_access(world, login):
    for who in ("cell_member", "sibling_secretary", "overseer"):
        client = login(world.user(who))
        assert client.get(url("unit_edit", world.units["cell_a"])).status_code == 404
        assert client.post(url("unit_edit", world.units["cell_a"]),
                           {**CELL, "name": "Renamed"}).status_code == 404
    assert _unit(world, "cell_a").name == "Cell A"


def test_edit_rejects_a_taken_name(world, login):
    response = login(founder()).post(url("unit_edit", world.units["cell_a"]),
                                     {**CELL, "name": "Cell B"})
    assert "already exists" in " ".join(form_errors(response)["__all__"])
    assert _unit(world, "cell_a").name == "Cell A"
    assert not audits(world.units["cell_a"], "update").exists()


def test_edit_changes_and_audits(world, login):
    user = world.user("cell_secretary")
    response = login(user).post(url("unit_edit", world.units["cell_a"]), {
        "name": "Cell A", "kind": "cell", "field_kind": "institution", "country": "Nowhere"})
    assert response.status_code == 302
    unit = _unit(world, "cell_a")
    assert (unit.field_kind, unit.country) == ("institution", "Nowhere")
    event = audits(unit, "update").get()
    assert (event.actor, event.fields) == (user, ["country", "field_kind"])


def test_edit_lets_the_secretary_allow_members_to_assess(world, login):
    user = world.user("cell_secretary")
    response = login(user).post(url("unit_edit", world.units["cell_a"]), {
        "name": "Cell A", "kind": "cell", "field_kind": "workplace", "members_assess": "on"})
    assert response.status_code == 302
    unit = _unit(world, "cell_a")
    assert unit.members_assess
    event = audits(unit, "update").get()
    assert (event.actor, event.changes["members_assess"]) == (user, [False, True])


# --- move ---

def test_move_404s_without_change_access(world, login):
    for who in ("cell_member", "overseer", "sibling_secretary"):
        client = login(world.user(who))
        assert client.get(url("unit_move", world.units["cell_a"])).status_code == 404
        assert client.post(url("unit_move", world.units["cell_a"]),
                           {"new_parent": world.units["south"].uid}).status_code == 404
    assert _unit(world, "cell_a").parent == world.units["north"]


def test_move_offers_only_changeable_units_outside_the_subtree(world, login):
    form = login(founder()).get(url("unit_move", world.units["north"])).context["form"]
    assert {u.name for u in form.fields["new_parent"].queryset} == {
        "Congress", "Central Committee", "South Committee"}
    page = login(world.user("cell_secretary")).get(url("unit_move", world.units["cell_a"]))
    assert "There is no unit of this organization you may move it into." in (
        page.content.decode())


def test_move_rejects_a_place_inside_the_subtree(world, login):
    response = login(founder()).post(url("unit_move", world.units["north"]),
                                     {"new_parent": world.units["cell_a"].uid})
    assert "Select a valid choice" in form_errors(response)["new_parent"][0]
    north = _unit(world, "north")
    assert north.parent == world.units["rp_cc"] and north.path == world.units["north"].path
    assert not audits(north, "move").exists()


def test_move_moves_the_subtree_and_audits(world, login):
    response = login(founder()).post(url("unit_move", world.units["cell_a"]),
                                     {"new_parent": world.units["south"].uid})
    assert response.status_code == 302
    cell = _unit(world, "cell_a")
    assert cell.parent == world.units["south"]
    assert cell.path == f"{world.units['south'].path}{cell.pk}/"
    assert audits(cell, "move").get().actor == founder()
