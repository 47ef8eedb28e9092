"""Sending a proposal draft: a confirmation page, then the coalition's copy (naming the
organization only); a second sending is refused and changes nothing; 404 outside."""

import pytest
from django.urls import reverse

from coalitions.models import CoalitionResolution
from coalitions.tests.drafts import draft

pytestmark = pytest.mark.django_db


def test_it_confirms_then_sends_once(world, login):
    proposal = draft(world)
    url = reverse("coalitions:proposal_draft_send", kwargs={"uid": proposal.uid})
    client = login(world.user("cell_member"))
    page = client.get(url).content.decode()
    assert "your organization&#x27;s name only" in page and "Send to the coalition" in page
    assert not CoalitionResolution.objects.filter(title=proposal.title).exists()
    response = client.post(url, {})
    copy = CoalitionResolution.objects.get(title=proposal.title)
    assert response["Location"] == reverse("coalitions:resolution_detail",
                                           kwargs={"uid": copy.uid})
    assert copy.proposed_by == world.orgs["rp"] and copy.signed_as == ""
    office_page = login(world.user("coalition_office")).get(response["Location"])
    assert office_page.status_code == 200 and "Cell A" not in office_page.content.decode()
    again = login(world.user("cell_member")).post(url, {})
    assert "This proposal was already sent to the coalition." in again.content.decode()
    assert CoalitionResolution.objects.filter(title=proposal.title).count() == 1


def test_it_answers_404_outside_and_refuses_one_not_acting(world, login):
    proposal = draft(world)
    url = reverse("coalitions:proposal_draft_send", kwargs={"uid": proposal.uid})
    for name in ("coalition_office", "outsider"):
        assert login(world.user(name)).post(url, {}).status_code == 404
    response = login(world.user("cell_secretary")).post(url, {})
    assert "You do not act for this organization" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.sent_on is None
