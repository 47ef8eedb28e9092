"""/api/proposal-drafts/: list, retrieve, create, update while unsent, ``send`` once; the
coalition's office and other members never see a draft."""

import pytest
from django.urls import reverse

from coalitions.models import CoalitionResolution, ProposalDraft
from coalitions.tests.drafts import draft, setup

pytestmark = pytest.mark.django_db


def _rows(body):
    return body["results"] if isinstance(body, dict) and "results" in body else body


def test_it_creates_updates_and_sends(world, login):
    setup(world)
    client = login(world.user("cell_member"))
    created = client.post(reverse("proposal-draft-list"), {
        "organization": str(world.orgs["rp"].uid), "coalition": str(world.coalition.uid),
        "title": "By API", "language": "en", "body": "Text.", "points": "One\nTwo"},
        content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["organization"] == str(world.orgs["rp"].uid) and "id" not in body
    detail = reverse("proposal-draft-detail", kwargs={"uid": body["uid"]})
    changed = client.patch(detail, {"title": "By API, changed", "version": body["version"]},
                           content_type="application/json")
    assert changed.status_code == 200, changed.content
    send = reverse("proposal-draft-send", kwargs={"uid": body["uid"]})
    sent = client.post(send)
    assert sent.status_code == 200, sent.content
    assert sent.json()["sent_on"] and sent.json()["sent_copy"]
    copy = CoalitionResolution.objects.get(title="By API, changed")
    assert copy.proposed_by == world.orgs["rp"]
    assert client.post(send).status_code == 400
    assert client.patch(detail, {"title": "Late"},
                        content_type="application/json").status_code == 400
    assert CoalitionResolution.objects.filter(proposed_by=world.orgs["rp"]).count() == 1


def test_it_hides_drafts_from_the_office_and_other_members(world, login):
    proposal = draft(world)
    detail = reverse("proposal-draft-detail", kwargs={"uid": proposal.uid})
    send = reverse("proposal-draft-send", kwargs={"uid": proposal.uid})
    for name in ("coalition_office", "outsider"):
        client = login(world.user(name))
        assert _rows(client.get(reverse("proposal-draft-list")).json()) == []
        assert client.get(detail).status_code == 404
        assert client.post(send).status_code == 404
    assert ProposalDraft.objects.get(pk=proposal.pk).sent_on is None


def test_it_refuses_creation_for_an_organization_one_does_not_act_for(world, login):
    setup(world)
    response = login(world.user("cell_secretary")).post(reverse("proposal-draft-list"), {
        "organization": str(world.orgs["rp"].uid), "coalition": str(world.coalition.uid),
        "title": "No", "language": "en", "body": "Text."}, content_type="application/json")
    assert response.status_code == 400
    assert not ProposalDraft.objects.filter(title="No").exists()
