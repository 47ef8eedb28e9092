"""Create and edit organizations."""

import datetime

import pytest
from django.utils import timezone

from access.models import Role
from organizations.models import Organization
from organizations.tests.helpers import audits, form_errors, founder, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _anyone_may_found(settings):
    # These tests are about the forms; who may found is organizations/tests/test_founding.py.
    settings.NUCLEUS_FOUNDERS = "anyone"

NEW = {"name": "Blue Union", "acronym": "BU", "country": "Nowhere", "status": "active",
       "tags": "syndicalist, feminist, syndicalist", "founded_on": "2001-03-04"}


def test_create_requires_login(client):
    response = client.post(url("organization_create"), NEW)
    assert response.status_code == 302 and response.url.startswith("/login/")
    assert not Organization.objects.filter(name="Blue Union").exists()


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"name": ""}, "name", "This field is required."),
    ({"founded_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
     "founded_on", "The date cannot be in the future."),
    ({"founded_year": "1999"}, "founded_year", "Does not match the founding date."),
    ({"affiliation": "youth"}, "affiliation", "An affiliated organization needs both"),
    ({"name": "Red Party"}, "__all__", "Organization with this Name and Country already"),
    ({"tags": "x" * 61}, "tags", "Each tag is at most 60 characters"),
])
def test_create_rejects_bad_input(world, login, change, field, message):
    before = Organization.objects.count()
    response = login(world.user("cell_member")).post(url("organization_create"),
                                                     {**NEW, **change})
    assert message in " ".join(form_errors(response)[field])
    assert Organization.objects.count() == before


def test_create_offers_only_visible_parents(world, login):
    form = login(world.user("cell_member")).get(url("organization_create")).context["form"]
    assert [o.name for o in form.fields["parent_organization"].queryset] == ["Red Party"]
    before = Organization.objects.count()
    response = login(world.user("cell_member")).post(url("organization_create"), {
        **NEW, "parent_organization": world.orgs["op"].uid, "affiliation": "youth"})
    assert "Select a valid choice" in form_errors(response)["parent_organization"][0]
    assert Organization.objects.count() == before


def test_create_makes_the_founder_its_top_secretary(world, login):
    user = world.user("cell_member")
    response = login(user).post(url("organization_create"), NEW)
    org = Organization.objects.get(name="Blue Union")
    assert response.status_code == 302 and response.url == url("organization_detail", org)
    assert sorted(org.ideology_tags.values_list("name", flat=True)) == ["feminist",
                                                                        "syndicalist"]
    role = Role.objects.get(user=user, unit__organization=org)
    assert (role.kind, role.oversight, role.unit.parent_id) == ("secretary", True, None)
    assert audits(org, "create").get().actor == user


def test_edit_404s_without_change_access(world, login):
    rp = world.orgs["rp"]
    for name in ("cell_secretary", "overseer", "outsider"):
        client = login(world.user(name))
        assert client.get(url("organization_edit", rp)).status_code == 404
        assert client.post(url("organization_edit", rp), {**NEW, "name": "X"}).status_code == 404
    assert Organization.objects.get(pk=rp.pk).name == "Red Party"


def test_edit_rejects_bad_input_and_changes_nothing(world, login):
    rp = world.orgs["rp"]
    response = login(founder()).post(url("organization_edit", rp), {
        "name": "Red Party", "country": "Nowhere", "status": "active",
        "website": "not a web address"})
    assert form_errors(response)["website"] == ["Enter a valid URL."]
    assert Organization.objects.get(pk=rp.pk).website == ""
    assert not audits(rp, "update").exists()


def test_edit_does_not_offer_the_organization_as_its_own_parent(world, login):
    form = login(founder()).get(url("organization_edit", world.orgs["rp"])).context["form"]
    assert world.orgs["rp"] not in form.fields["parent_organization"].queryset


def test_edit_changes_and_audits(world, login):
    rp = world.orgs["rp"]
    client = login(founder())
    response = client.post(url("organization_edit", rp), {
        "name": "Red Party", "acronym": "RP", "country": "Nowhere", "status": "banned",
        "tags": "socialist"})
    assert response.status_code == 302
    rp.refresh_from_db()
    assert rp.status == "banned"
    assert list(rp.ideology_tags.values_list("name", flat=True)) == ["socialist"]
    fields = sorted(f for e in audits(rp, "update") for f in e.fields)
    assert fields == ["ideology_tags", "status"]
    assert 'value="socialist"' in client.get(url("organization_edit", rp)).content.decode()
