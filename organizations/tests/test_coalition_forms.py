"""Create and edit coalitions, register member organizations, edit memberships."""

import datetime

import pytest
from django.utils import timezone

from access.models import CoalitionOffice
from organizations.models import Coalition, CoalitionMembership, Organization
from organizations.tests.helpers import audits, form_errors, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _anyone_may_found(settings):
    # These tests are about the forms; who may found is organizations/tests/test_founding.py.
    settings.NUCLEUS_FOUNDERS = "anyone"

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def _membership(world, org="rp"):
    return CoalitionMembership.objects.get(coalition=world.coalition, organization=world.orgs[org])


# --- create ---

def test_create_requires_login(client):
    response = client.post(url("coalition_create"), {"name": "X", "kind": "front"})
    assert response.status_code == 302 and response.url.startswith("/login/")
    assert not Coalition.objects.filter(name="X").exists()


def test_create_rejects_a_taken_name(world, login):
    before = Coalition.objects.count()
    response = login(world.user("outsider")).post(
        url("coalition_create"), {"name": "Test Coalition", "kind": "front"})
    assert "Coalition with this Name already exists." in form_errors(response)["name"]
    assert Coalition.objects.count() == before


def test_create_rejects_a_future_founding_year(world, login):
    before = Coalition.objects.count()
    response = login(world.user("outsider")).post(url("coalition_create"), {
        "name": "Future Front", "kind": "front", "founded_year": timezone.localdate().year + 1})
    assert form_errors(response)["founded_year"] == ["The year cannot be in the future."]
    assert Coalition.objects.count() == before


def test_create_makes_the_user_its_office(world, login):
    user = world.user("outsider")
    response = login(user).post(url("coalition_create"), {
        "name": "Workers Front", "acronym": "WF", "kind": "front"})
    coalition = Coalition.objects.get(name="Workers Front")
    assert response.status_code == 302 and response.url == url("coalition_detail", coalition)
    assert CoalitionOffice.objects.filter(user=user, coalition=coalition).exists()
    assert audits(coalition, "create").get().actor == user


# --- edit ---

def test_edit_404s_for_a_member_who_only_views(world, login):
    client = login(world.user("cell_member"))
    assert client.get(url("coalition_edit", world.coalition)).status_code == 404
    response = client.post(url("coalition_edit", world.coalition),
                           {"name": "Renamed", "kind": "front"})
    assert response.status_code == 404
    assert Coalition.objects.get(pk=world.coalition.pk).name == "Test Coalition"


def test_edit_rejects_an_empty_name(world, login):
    response = login(world.user("coalition_office")).post(
        url("coalition_edit", world.coalition), {"name": "", "kind": "front"})
    assert form_errors(response)["name"] == ["This field is required."]
    assert Coalition.objects.get(pk=world.coalition.pk).name == "Test Coalition"
    assert not audits(world.coalition, "update").exists()


def test_edit_changes_and_audits(world, login):
    client = login(world.user("coalition_office"))
    page = client.get(url("coalition_edit", world.coalition)).content.decode()
    assert 'value="Test Coalition"' in page
    response = client.post(url("coalition_edit", world.coalition), {
        "name": "Test Coalition", "acronym": "TC", "kind": "front", "description": "New."})
    assert response.status_code == 302
    coalition = Coalition.objects.get(pk=world.coalition.pk)
    assert coalition.kind == "front" and coalition.description == "New."
    assert audits(coalition, "update").get().fields == ["description", "kind"]


# --- register a member organization ---

MEMBER = {"name": "Komala Test", "acronym": "KT", "native_name": "کومەڵە",
          "native_language": "ckb", "country": "Kurdistan", "status": "active",
          "tags": "socialist, federalist", "membership_status": "observer",
          "joined_on": "2020-05-01", "note": "since the conference"}


def test_member_add_404s_for_a_member(world, login):
    client = login(world.user("cell_secretary"))
    assert client.get(url("coalition_member_add", world.coalition)).status_code == 404
    assert client.post(url("coalition_member_add", world.coalition), MEMBER).status_code == 404
    assert not Organization.objects.filter(name="Komala Test").exists()


def test_member_add_rejects_a_future_join_date(world, login):
    orgs, memberships = Organization.objects.count(), CoalitionMembership.objects.count()
    response = login(world.user("coalition_office")).post(
        url("coalition_member_add", world.coalition), {**MEMBER, "joined_on": TOMORROW})
    assert form_errors(response)["joined_on"] == ["The date cannot be in the future."]
    assert (Organization.objects.count(), CoalitionMembership.objects.count()) == (
        orgs, memberships)


def test_member_add_rejects_an_unknown_status(world, login):
    orgs = Organization.objects.count()
    response = login(world.user("coalition_office")).post(
        url("coalition_member_add", world.coalition), {**MEMBER, "membership_status": "boss"})
    assert "Select a valid choice." in form_errors(response)["membership_status"][0]
    assert Organization.objects.count() == orgs


def test_member_add_registers_a_profile_kept_by_the_office(world, login):
    office = world.user("coalition_office")
    response = login(office).post(url("coalition_member_add", world.coalition), MEMBER)
    assert response.status_code == 302
    org = Organization.objects.get(name="Komala Test")
    assert org.registered_by == world.coalition
    assert not org.units.exists()
    assert sorted(org.ideology_tags.values_list("name", flat=True)) == ["federalist",
                                                                        "socialist"]
    membership = CoalitionMembership.objects.get(coalition=world.coalition, organization=org)
    assert (membership.status, membership.joined_on.isoformat(), membership.note) == (
        "observer", "2020-05-01", "since the conference")
    assert audits(org, "create").get().actor == office
    assert audits(membership).filter(actor=office).exists()


# --- edit a membership ---

def test_membership_edit_404s_outside_the_office(world, login):
    membership = _membership(world)
    for name in ("cell_secretary", "outsider"):
        client = login(world.user(name))
        assert client.get(url("membership_edit", membership)).status_code == 404
        assert client.post(url("membership_edit", membership),
                           {"status": "left"}).status_code == 404
    assert _membership(world).status == "member"


def test_membership_edit_rejects_a_future_date(world, login):
    response = login(world.user("coalition_office")).post(
        url("membership_edit", _membership(world)), {"status": "member", "joined_on": TOMORROW})
    assert form_errors(response)["joined_on"] == ["The date cannot be in the future."]
    assert _membership(world).joined_on is None


def test_membership_edit_changes_and_audits(world, login):
    membership = _membership(world)
    response = login(world.user("coalition_office")).post(
        url("membership_edit", membership),
        {"status": "suspended", "joined_on": "2019-01-02", "note": ""})
    assert response.status_code == 302 and response.url == url("coalition_detail",
                                                                world.coalition)
    membership.refresh_from_db()
    assert membership.status == "suspended"
    assert audits(membership, "update").get().fields == ["joined_on", "status"]
