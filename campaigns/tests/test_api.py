"""/api/campaigns/, /api/campaign-components/, /api/campaign-materials/,
/api/campaign-uptakes/ and /api/campaign-actions/: the same access as the pages, by uid;
the office creates campaigns, an acting organization sends uptakes and actions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from campaigns.models import ActionAnnouncement, Campaign
from campaigns.tests.helpers import announce, campaign, give_international_work

pytestmark = pytest.mark.django_db


def _rows(body):
    return body["results"] if isinstance(body, dict) and "results" in body else body


def _post(client, name, payload):
    return client.post(reverse(name), payload, content_type="application/json")


def test_the_office_creates_a_campaign_and_a_member_cannot(world, login):
    payload = {"coalition": str(world.coalition.uid), "title": "Solidarity",
               "starts_on": "2022-12-01"}
    assert _post(login(world.user("cell_secretary")), "campaign-list", payload) \
        .status_code == 400
    response = _post(login(world.user("coalition_office")), "campaign-list", payload)
    assert response.status_code == 201, response.content
    assert Campaign.objects.get().uid.hex == response.json()["uid"].replace("-", "")
    assert "id" not in response.json()


def test_an_acting_organization_announces_an_action(world, login):
    made = campaign(world)
    give_international_work(world)
    client = login(world.user("cell_secretary"))
    response = _post(client, "campaign-action-list", {
        "campaign": str(made.uid), "organization": str(world.orgs["rp"].uid),
        "component": str(made.components.first().uid), "what": "Fictional: rally",
        "city": "Red City", "country": "Nowhere", "date": "2022-12-10"})
    assert response.status_code == 201, response.content
    assert response.json()["published"] is False
    assert ActionAnnouncement.objects.get().organization == world.orgs["rp"]
    uptake = _post(client, "campaign-uptake-list", {
        "component": str(made.components.first().uid), "organization": str(world.orgs["rp"].uid)})
    assert uptake.status_code == 201, uptake.content


def test_without_the_right_the_organization_is_unknown(world, login):
    made = campaign(world)
    response = _post(login(world.user("cell_member")), "campaign-action-list", {
        "campaign": str(made.uid), "organization": str(world.orgs["rp"].uid),
        "what": "x", "city": "y", "country": "z", "date": "2022-12-10"})
    assert response.status_code == 400 and "organization" in response.json()


def test_the_lists_hold_only_what_the_reader_may_see(world, login):
    made = campaign(world)
    announce(world, made, what="Fictional: rally")
    office = _rows(login(world.user("coalition_office")).get(
        reverse("campaign-action-list"), {"campaign": str(made.uid)}).json())
    assert [a["what"] for a in office] == ["Fictional: rally"]
    outsider = login(world.user("outsider"))
    assert _rows(outsider.get(reverse("campaign-list")).json()) == []
    assert _rows(outsider.get(reverse("campaign-action-list")).json()) == []
    assert len(_rows(login(world.user("cell_member")).get(
        reverse("campaign-component-list"), {"campaign": str(made.uid)}).json())) == 2
