"""/api/units/: structure within the scope; create, edit and move via actions; counts."""

import pytest

from access.actions import do_grant_role
from accounts.models import User
from audit.models import AuditEvent
from organizations.models import Unit

pytestmark = pytest.mark.django_db

MISSING_UID = "00000000-0000-4000-8000-000000000000"

LIST = "/api/units/"


def _detail(unit_id, suffix="") -> str:
    return f"{LIST}{unit_id}/{suffix}"


@pytest.fixture
def cc_secretary(world):
    """Secretary of the Central Committee with oversight: may change the RP structure below."""
    user = User.objects.create_user("cc_secretary")
    do_grant_role(acting_user=None, user=user, unit=world.units["rp_cc"], kind="secretary",
                  oversight=True)
    return user


def test_it_requires_authentication(world, login):
    client = login(None)
    assert client.get(LIST).status_code == 401
    assert client.get(_detail(world.units["cell_a"].uid, "counts/")).status_code == 401
    assert client.post(_detail(world.units["cell_a"].uid, "move/")).status_code == 401


def test_it_lists_only_visible_units_and_hides_parents_above(world, login):
    body = login(world.user("cell_secretary")).get(LIST).json()
    assert [(u["name"], u["parent"]) for u in body["results"]] == [("Cell A", None)]
    body = login(world.user("committee_member")).get(LIST).json()
    parents = {u["name"]: u["parent"] for u in body["results"]}
    north = str(world.units["north"].uid)
    assert parents == {"North Committee": None, "Cell A": north, "Cell B": north}
    # Payloads name records by uid only: no integer id tells how many units the install has.
    row = body["results"][0]
    assert "id" not in row and row["organization"] == str(world.orgs["rp"].uid)


def test_it_answers_404_outside_the_scope_like_a_missing_unit(world, login):
    client = login(world.user("sibling_secretary"))
    cell_a = world.units["cell_a"]
    outside, missing = client.get(_detail(cell_a.uid)), client.get(_detail(MISSING_UID))
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()
    response = client.patch(_detail(cell_a.uid), {"name": "Taken"},
                            content_type="application/json")
    assert response.status_code == 404
    assert Unit.objects.get(pk=cell_a.pk).name == "Cell A"


def test_it_creates_a_unit_under_a_parent_the_caller_may_change(world, login, cc_secretary):
    response = login(cc_secretary).post(
        LIST, {"parent": str(world.units["south"].uid), "name": "Cell D", "kind": "cell",
               "field_kind": "workplace"}, content_type="application/json")
    assert response.status_code == 201, response.json()
    unit = Unit.objects.get(name="Cell D")
    assert unit.organization == world.orgs["rp"]
    assert unit.path == f"{world.units['south'].path}{unit.pk}/"
    assert response.json()["parent"] == str(world.units["south"].uid)
    assert AuditEvent.objects.filter(action="create", model="organizations.Unit",
                                     object_id=unit.pk, actor=cc_secretary).exists()


def test_it_refuses_a_hidden_parent_like_a_missing_one(world, login):
    before = Unit.objects.count()
    for name in ("outsider", "cell_member", "overseer"):  # none may change North's structure
        client = login(world.user(name))
        data = {"name": "Cell Z", "kind": "cell", "field_kind": "school"}
        hidden = client.post(LIST, {**data, "parent": str(world.units["north"].uid)},
                             content_type="application/json")
        missing = client.post(LIST, {**data, "parent": MISSING_UID},
                              content_type="application/json")
        assert hidden.status_code == missing.status_code == 400, name
        assert hidden.json() == missing.json() == {"parent": ["Unknown unit."]}
    assert Unit.objects.count() == before


def test_it_rejects_an_invalid_unit_with_the_action_message(world, login, cc_secretary):
    before = Unit.objects.count()
    client = login(cc_secretary)
    response = client.post(LIST, {"parent": str(world.units["south"].uid), "name": "Cell E",
                                  "kind": "cell"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"field_kind": ["A cell works in a field: choose its kind."]}
    response = client.post(LIST, {"name": "Orphan", "kind": "committee"},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"parent": ["Choose the parent unit."]}
    assert Unit.objects.count() == before


def test_it_edits_a_unit_through_the_action(world, login, cc_secretary):
    south = world.units["south"]
    client = login(cc_secretary)
    response = client.patch(_detail(south.uid), {"name": "Southern Committee"},
                            content_type="application/json")
    assert response.status_code == 200, response.json()
    south.refresh_from_db()
    assert south.name == "Southern Committee"
    assert AuditEvent.objects.filter(action="update", object_id=south.pk,
                                     model="organizations.Unit", fields=["name"]).exists()
    response = client.patch(_detail(south.uid), {"field_kind": "school"},
                            content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"field_kind": ["Only cells have a field of work."]}
    response = client.patch(_detail(south.uid), {"parent": str(world.units["north"].uid)},
                            content_type="application/json")
    assert response.status_code == 400
    south.refresh_from_db()
    assert (south.field_kind, south.parent_id) == ("", world.units["rp_cc"].pk)


def test_it_lets_only_secretaries_edit_structure(world, login):
    response = login(world.user("overseer")).patch(
        _detail(world.units["north"].uid), {"name": "Renamed"}, content_type="application/json")
    assert response.status_code == 404


def test_it_moves_a_unit_with_its_subtree(world, login, cc_secretary):
    cell_a, south = world.units["cell_a"], world.units["south"]
    response = login(cc_secretary).post(_detail(cell_a.uid, "move/"), {"parent": str(south.uid)},
                                        content_type="application/json")
    assert response.status_code == 200, response.json()
    cell_a.refresh_from_db()
    assert cell_a.parent == south
    assert cell_a.path == f"{south.path}{cell_a.pk}/"
    assert response.json()["parent"] == str(south.uid)
    assert AuditEvent.objects.filter(action="move", object_id=cell_a.pk).exists()


def test_it_refuses_a_bad_move(world, login, cc_secretary):
    cell_a, cell_b = world.units["cell_a"], world.units["cell_b"]
    client = login(cc_secretary)
    response = client.post(_detail(cell_a.uid, "move/"), {"parent": str(cell_b.uid)},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"parent": ["A cell is a basic unit: it has no sub-units."]}
    response = client.post(_detail(cell_a.uid, "move/"), {"parent": str(world.units["cell_x"].uid)},
                           content_type="application/json")
    assert response.json() == {"parent": ["Unknown unit."]}
    cell_a.refresh_from_db()
    assert cell_a.parent == world.units["north"]
    response = login(world.user("sibling_secretary")).post(
        _detail(cell_a.uid, "move/"), {"parent": str(cell_b.uid)}, content_type="application/json")
    assert response.status_code == 404


def test_it_counts_people_in_the_subtree_without_listing_them(world, login):
    client = login(world.user("committee_member"))
    response = client.get(_detail(world.units["north"].uid, "counts/"))
    assert response.status_code == 200
    assert response.json() == {
        "unit": str(world.units["north"].uid), "total": 6,
        "by_status": {"candidate": 0, "member": 6, "suspended": 0, "left": 0}}
    assert client.get(_detail(world.units["cell_a"].uid, "counts/")).json()["total"] == 2
    assert b"alias-" not in response.content
    assert client.get(_detail(world.units["south"].uid, "counts/")).status_code == 404
    assert login(world.user("outsider")).get(
        _detail(world.units["north"].uid, "counts/")).status_code == 404
