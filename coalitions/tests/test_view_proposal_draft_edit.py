"""Editing a proposal draft: by one acting for the organization, while unsent; 404 outside the
writing unit's scope."""

import pytest
from django.urls import reverse

from coalitions.actions import do_send_proposal
from coalitions.tests.drafts import draft

pytestmark = pytest.mark.django_db


def _post(client, proposal, title):
    return client.post(reverse("coalitions:proposal_draft_edit", kwargs={"uid": proposal.uid}), {
        "kind": "resolution", "title": title, "language": "en", "body": "New text.",
        "points": "A\nB\nC", "signed_as": "", "version": proposal.version})


def test_it_saves_the_changes(world, login):
    proposal = draft(world)
    assert _post(login(world.user("cell_member")), proposal, "Edited").status_code == 302
    proposal.refresh_from_db()
    assert (proposal.title, proposal.point_lines()) == ("Edited", ["A", "B", "C"])


def test_it_refuses_outside_and_after_sending(world, login):
    proposal = draft(world)
    url = reverse("coalitions:proposal_draft_edit", kwargs={"uid": proposal.uid})
    for name in ("coalition_office", "outsider"):
        assert login(world.user(name)).get(url).status_code == 404
    page = login(world.user("cell_secretary")).get(url).content.decode()
    assert "You do not act for this organization" in page
    do_send_proposal(acting_user=world.user("cell_member"), draft=proposal)
    proposal.refresh_from_db()
    response = _post(login(world.user("cell_member")), proposal, "Too late")
    assert response.status_code == 200
    assert "This proposal was already sent to the coalition." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title != "Too late"
