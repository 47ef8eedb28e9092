"""/api/organizations/: visible profiles, search and filters, create and edit via actions."""

import pytest

from access.models import Role
from audit.models import AuditEvent
from organizations.actions import do_add_lineage_event
from organizations.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _anyone_may_found(settings):
    # These tests are about the forms; who may found is organizations/tests/test_founding.py.
    settings.NUCLEUS_FOUNDERS = "anyone"

MISSING_UID = "00000000-0000-4000-8000-000000000000"

LIST = "/api/organizations/"


def _detail(org_id) -> str:
    return f"{LIST}{org_id}/"


def _names(response) -> set[str]:
    return {o["name"] for o in response.json()["results"]}


def test_it_requires_authentication(world, login):
    assert login(None).get(LIST).status_code == 401
    assert login(None).get(_detail(world.orgs["rp"].uid)).status_code == 401


def test_it_lists_only_visible_organizations(world, login):
    assert _names(login(world.user("cell_member")).get(LIST)) == {"Red Party"}
    assert _names(login(world.user("outsider")).get(LIST)) == {"Other Party"}
    assert _names(login(world.user("coalition_office")).get(LIST)) == {"Red Party",
                                                                       "Profile Org"}


def test_it_searches_and_filters(world, login):
    client = login(world.user("coalition_office"))
    assert _names(client.get(LIST, {"search": "profile"})) == {"Profile Org"}
    assert _names(client.get(LIST, {"search": "RP"})) == {"Red Party"}
    assert _names(client.get(LIST, {"country": "Nowhere"})) == {"Red Party"}
    assert _names(client.get(LIST, {"status": "banned"})) == set()
    # Search never reaches beyond the scope.
    assert _names(client.get(LIST, {"search": "Other"})) == set()


def test_it_shows_the_profile_with_lineage(world, login):
    rp, op = world.orgs["rp"], world.orgs["op"]
    do_add_lineage_event(acting_user=None, organization=rp,
                         data={"kind": "split_from", "other": op, "year": 1980})
    body = login(world.user("cell_member")).get(_detail(rp.uid)).json()
    assert body["name"] == "Red Party"
    # Periodicals are at /api/periodicals/?organization=<uid> (publications/tests).
    assert "publications" not in body
    # The other organization is named, but its id is withheld: the caller cannot see it.
    assert body["lineage"] == [{"kind": "split_from", "other": None, "other_name": "Other Party",
                                "date": None, "year": 1980, "note": ""}]
    body = login(world.user("outsider")).get(_detail(rp.uid))
    assert body.status_code == 404


def test_it_answers_404_outside_the_scope_like_a_missing_organization(world, login):
    client = login(world.user("cell_member"))
    outside = client.get(_detail(world.orgs["op"].uid))
    missing = client.get(_detail(MISSING_UID))
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()


def test_it_answers_404_to_an_edit_without_the_change_right(world, login):
    rp = world.orgs["rp"]
    for name in ("cell_secretary", "outsider", "coalition_office"):
        response = login(world.user(name)).patch(_detail(rp.uid), {"status": "banned"},
                                                 content_type="application/json")
        assert response.status_code == 404, name
    rp.refresh_from_db()
    assert rp.status == "active"


def test_it_lets_the_top_secretary_edit_the_profile(world, login):
    op = world.orgs["op"]
    outsider = world.user("outsider")
    response = login(outsider).patch(
        _detail(op.uid), {"status": "banned", "ideology_tags": ["socialist", " Socialist "]},
        content_type="application/json")
    assert response.status_code == 200, response.json()
    assert response.json()["ideology_tags"] == ["socialist"]
    op.refresh_from_db()
    assert op.status == "banned"
    assert AuditEvent.objects.filter(actor=outsider, action="update", object_id=op.pk,
                                     model="organizations.Organization",
                                     fields=["status"]).exists()


def test_it_makes_the_founder_secretary_of_the_top_unit(world, login):
    founder = world.user("committee_member")
    response = login(founder).post(LIST, {"name": "New Party", "country": "Nowhere",
                                          "ideology_tags": ["communist"]},
                                   content_type="application/json")
    assert response.status_code == 201, response.json()
    org = Organization.objects.get(name="New Party")
    role = Role.objects.get(user=founder, unit__organization=org)
    assert (role.kind, role.oversight, role.identity_access) == ("secretary", True, True)
    assert response.json()["ideology_tags"] == ["communist"]


def test_it_registers_a_profile_for_the_office_coalition(world, login):
    response = login(world.user("coalition_office")).post(
        LIST, {"name": "Kept Org", "coalition": str(world.coalition.uid)},
        content_type="application/json")
    assert response.status_code == 201, response.json()
    org = Organization.objects.get(name="Kept Org")
    assert org.registered_by == world.coalition
    assert not org.units.exists()


def test_it_refuses_a_coalition_the_caller_does_not_run_like_a_missing_one(world, login):
    client = login(world.user("cell_member"))  # sees the coalition, is not in its office
    hidden = client.post(LIST, {"name": "Sneaky Org", "coalition": str(world.coalition.uid)},
                         content_type="application/json")
    missing = client.post(LIST, {"name": "Sneaky Org", "coalition": MISSING_UID},
                          content_type="application/json")
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json() == missing.json() == {"coalition": ["Unknown coalition."]}
    assert not Organization.objects.filter(name="Sneaky Org").exists()


def test_it_rejects_an_invalid_profile_with_the_action_message(world, login):
    before = Organization.objects.count()
    client = login(world.user("outsider"))
    response = client.post(LIST, {"name": "Wing", "affiliation": "youth"},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"affiliation": [
        "An affiliated organization needs both the organization it belongs to and the kind "
        "of affiliation."]}
    response = client.post(LIST, {"name": "Later", "founded_on": "2999-01-01"},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"founded_on": ["The date cannot be in the future."]}
    assert Organization.objects.count() == before
    assert not Role.objects.filter(user=world.user("outsider"), unit__organization__name__in=[
        "Wing", "Later"]).exists()


def test_it_links_an_affiliate_to_a_visible_parent_only(world, login):
    rp = world.orgs["rp"]
    founder = world.user("outsider")  # sees Other Party only
    client = login(world.user("cell_member"))
    response = client.post(LIST, {"name": "RP Youth", "parent_organization": str(rp.uid),
                                  "affiliation": "youth"}, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["parent_organization"] == str(rp.uid)
    response = login(founder).post(LIST, {"name": "Stray Youth", "affiliation": "youth",
                                          "parent_organization": str(rp.uid)},
                                   content_type="application/json")
    assert response.json() == {"parent_organization": ["Unknown organization."]}
