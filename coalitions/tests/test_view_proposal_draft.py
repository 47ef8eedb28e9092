"""A proposal draft's page: read in the writing unit's scope, 404 for the coalition's office
and the other member organizations' users; edit and send offered until it is sent."""

import pytest
from django.urls import reverse

from coalitions.actions import do_send_proposal
from coalitions.tests.drafts import draft

pytestmark = pytest.mark.django_db


def test_it_shows_the_draft_inside_and_404_outside(world, login):
    proposal = draft(world)
    url = reverse("coalitions:proposal_draft", kwargs={"uid": proposal.uid})
    page = login(world.user("cell_member")).get(url).content.decode()
    assert proposal.title in page and "Collect." in page
    send = reverse("coalitions:proposal_draft_send", kwargs={"uid": proposal.uid})
    assert send in page
    for name in ("coalition_office", "outsider", "sibling_secretary"):
        assert login(world.user(name)).get(url).status_code == 404, name
    # The cell's secretary reads it but does not act for the organization: no buttons.
    assert send not in login(world.user("cell_secretary")).get(url).content.decode()


def test_it_links_the_copy_once_sent_and_offers_nothing_more(world, login):
    proposal = draft(world)
    copy = do_send_proposal(acting_user=world.user("cell_member"), draft=proposal)
    url = reverse("coalitions:proposal_draft", kwargs={"uid": proposal.uid})
    page = login(world.user("cell_member")).get(url).content.decode()
    assert reverse("coalitions:resolution_detail", kwargs={"uid": copy.uid}) in page
    assert reverse("coalitions:proposal_draft_send", kwargs={"uid": proposal.uid}) not in page
    assert login(world.user("coalition_office")).get(url).status_code == 404
