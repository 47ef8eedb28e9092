"""/api/coalitions/: visible coalitions only; the creator joins the office, which edits."""

import pytest

from access.models import CoalitionOffice
from audit.models import AuditEvent
from organizations.models import Coalition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _anyone_may_found(settings):
    # These tests are about the forms; who may found is organizations/tests/test_founding.py.
    settings.NUCLEUS_FOUNDERS = "anyone"

MISSING_UID = "00000000-0000-4000-8000-000000000000"

LIST = "/api/coalitions/"


def _detail(coalition_id) -> str:
    return f"{LIST}{coalition_id}/"


def test_it_requires_authentication(world, login):
    response = login(None).get(LIST)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_it_lists_only_the_coalitions_of_the_caller(world, login):
    assert login(world.user("outsider")).get(LIST).json()["count"] == 0
    body = login(world.user("cell_member")).get(LIST).json()
    assert [c["name"] for c in body["results"]] == ["Test Coalition"]


def test_it_shows_only_member_organizations_the_caller_may_see(world, login):
    coalition = world.coalition
    members = login(world.user("cell_member")).get(_detail(coalition.uid)).json()["members"]
    assert [m["organization_name"] for m in members] == ["Red Party"]
    members = login(world.user("coalition_office")).get(_detail(coalition.uid)).json()["members"]
    assert {m["organization_name"] for m in members} == {"Red Party", "Profile Org"}


def test_it_answers_404_outside_the_scope_like_a_missing_coalition(world, login):
    client = login(world.user("outsider"))
    outside = client.get(_detail(world.coalition.uid))
    missing = client.get(_detail(MISSING_UID))
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()


def test_it_makes_the_creator_an_office_user(world, login):
    outsider = world.user("outsider")
    client = login(outsider)
    response = client.post(LIST, {"name": "New Front", "kind": "front"},
                           content_type="application/json")
    assert response.status_code == 201, response.json()
    coalition = Coalition.objects.get(name="New Front")
    assert CoalitionOffice.objects.filter(user=outsider, coalition=coalition).exists()
    assert AuditEvent.objects.filter(action="create", model="organizations.Coalition",
                                     object_id=coalition.pk, actor=outsider).exists()
    response = client.patch(_detail(coalition.uid), {"acronym": "NF"},
                            content_type="application/json")
    assert response.status_code == 200
    assert response.json()["acronym"] == "NF"


def test_it_lets_only_the_office_edit(world, login):
    url = _detail(world.coalition.uid)
    response = login(world.user("cell_member")).patch(url, {"acronym": "X"},
                                                       content_type="application/json")
    assert response.status_code == 404
    response = login(world.user("coalition_office")).patch(
        url, {"description": "Conference of workers' parties"},
        content_type="application/json")
    assert response.status_code == 200
    world.coalition.refresh_from_db()
    assert world.coalition.acronym == "TC"
    assert world.coalition.description == "Conference of workers' parties"
    assert AuditEvent.objects.filter(action="update", object_id=world.coalition.pk,
                                     fields=["description"]).exists()


def test_it_rejects_a_future_founding_year_and_changes_nothing(world, login):
    before = Coalition.objects.count()
    response = login(world.user("outsider")).post(
        LIST, {"name": "Future Front", "founded_year": 3000}, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"founded_year": ["The year cannot be in the future."]}
    assert Coalition.objects.count() == before


def test_it_rejects_a_duplicate_name(world, login):
    response = login(world.user("outsider")).post(
        LIST, {"name": "Test Coalition"}, content_type="application/json")
    assert response.status_code == 400
    assert "name" in response.json()
    assert Coalition.objects.filter(name="Test Coalition").count() == 1
