"""Proposing a resolution from the resolutions page drafts it inside the organization: the
coalition's office sees nothing until it is sent."""

import pytest
from django.urls import reverse

from coalitions.models import CoalitionResolution, ProposalDraft
from coalitions.tests.drafts import setup

pytestmark = pytest.mark.django_db


def test_it_creates_a_draft_not_a_proposal(world, login):
    setup(world)
    client = login(world.user("cell_member"))
    page = client.get(reverse("coalitions:resolution_list")).content.decode()
    drafts_url = reverse("coalitions:proposal_drafts", kwargs={"uid": world.coalition.uid})
    assert drafts_url in page
    response = client.post(reverse("coalitions:propose", kwargs={"uid": world.coalition.uid}), {
        "organization": str(world.orgs["rp"].uid), "kind": "resolution", "title": "Call",
        "language": "en", "body": "Text.", "points": "One\nTwo", "signed_as": ""})
    draft = ProposalDraft.objects.get(title="Call")
    assert response["Location"] == reverse("coalitions:proposal_draft", kwargs={"uid": draft.uid})
    assert draft.point_lines() == ["One", "Two"] and draft.unit == world.units["cell_a"]
    assert not CoalitionResolution.objects.filter(title="Call").exists()


def test_it_says_so_to_a_user_not_acting_for_a_member(world, login):
    setup(world)
    client = login(world.user("cell_secretary"))
    page = client.get(reverse("coalitions:propose", kwargs={"uid": world.coalition.uid}))
    assert "You do not act for a member organization" in page.content.decode()
