"""Proposal drafts (coalitions.actions): drafted inside the organization, invisible to the
coalition's office and the other members until sent; sending writes the coalition's copy
without the writer, once; only one acting for the organization drafts, edits and sends."""

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from coalitions.actions import do_create_proposal_draft, do_send_proposal, do_update_proposal_draft
from coalitions.models import CoalitionResolution, ProposalDraft
from coalitions.tests.drafts import TEXT, draft

pytestmark = pytest.mark.django_db


def test_it_keeps_the_draft_on_the_writers_unit_unseen_by_the_coalition(world):
    proposal = draft(world)
    assert proposal.unit == world.units["cell_a"] and proposal.sent_on is None
    assert proposal.point_lines() == ["Collect.", "Report."]
    for name in ("coalition_office", "outsider", "sibling_secretary"):
        assert not ProposalDraft.objects.restrict(world.user(name)).exists(), name
    for name in ("cell_member", "cell_secretary", "overseer"):
        assert ProposalDraft.objects.restrict(world.user(name)).filter(pk=proposal.pk).exists()
    assert not CoalitionResolution.objects.filter(title=TEXT["title"]).exists()


def test_it_sends_a_copy_naming_the_organization_only(world):
    proposal = draft(world, signed_as="International department")
    copy = do_send_proposal(acting_user=world.user("cell_member"), draft=proposal)
    proposal.refresh_from_db()
    assert proposal.sent_on is not None and proposal.sent_copy == copy
    assert (copy.status, copy.proposed_by, copy.signed_as) == (
        "proposed", world.orgs["rp"], "International department")
    assert list(copy.original.points.values_list("body", flat=True)) == ["Collect.", "Report."]
    # The copy has no relation to a unit, a person or a user.
    relations = {f.related_model._meta.label for f in CoalitionResolution._meta.concrete_fields
                 if f.is_relation}
    assert relations == {"organizations.Coalition", "organizations.Organization"}
    assert CoalitionResolution.objects.restrict(world.user("coalition_office")).filter(
        pk=copy.pk).exists()
    assert not ProposalDraft.objects.restrict(world.user("coalition_office")).exists()
    draft_row = AuditEvent.objects.get(object_id=proposal.pk, model="coalitions.ProposalDraft",
                                   action="update")
    assert draft_row.unit == world.units["cell_a"] and "sent_on" in draft_row.fields
    copy_row = AuditEvent.objects.get(object_id=copy.pk, model="coalitions.CoalitionResolution",
                                      action="create")
    assert copy_row.unit is None


def test_it_refuses_sending_twice_and_changes_nothing(world):
    proposal = draft(world)
    do_send_proposal(acting_user=world.user("cell_member"), draft=proposal)
    counts = (CoalitionResolution.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError, match="already sent"):
        do_send_proposal(acting_user=world.user("cell_member"), draft=proposal)
    with pytest.raises(ValidationError, match="already sent"):
        do_update_proposal_draft(acting_user=world.user("cell_member"), draft=proposal,
                                 data={"title": "Changed"})
    assert (CoalitionResolution.objects.count(), AuditEvent.objects.count()) == counts
    proposal.refresh_from_db()
    assert proposal.title == TEXT["title"]


def test_it_edits_an_unsent_draft(world):
    proposal = draft(world)
    do_update_proposal_draft(acting_user=world.user("cell_member"), draft=proposal,
                             data={"title": "Better title", "points": ["Only one."]})
    proposal.refresh_from_db()
    assert (proposal.title, proposal.point_lines()) == ("Better title", ["Only one."])


def test_it_refuses_a_user_not_acting_for_the_organization(world):
    proposal = draft(world)
    counts = (CoalitionResolution.objects.count(), ProposalDraft.objects.count())
    for name in ("cell_secretary", "coalition_office", "outsider"):
        user = world.user(name)
        with pytest.raises(ValidationError, match="do not act"):
            do_send_proposal(acting_user=user, draft=proposal)
        with pytest.raises(ValidationError, match="do not act"):
            do_update_proposal_draft(acting_user=user, draft=proposal, data={"title": "X"})
        with pytest.raises(ValidationError, match="do not act"):
            do_create_proposal_draft(acting_user=user, organization=world.orgs["rp"],
                                     coalition=world.coalition, data=TEXT)
    assert (CoalitionResolution.objects.count(), ProposalDraft.objects.count()) == counts
    proposal.refresh_from_db()
    assert proposal.sent_on is None


def test_it_refuses_a_draft_for_a_coalition_the_organization_is_not_in(world):
    from organizations.actions import do_create_coalition

    draft(world)
    other = do_create_coalition(acting_user=world.user("coalition_office"),
                                data={"name": "Another Coalition", "acronym": "AC"})
    with pytest.raises(ValidationError, match="not a member"):
        do_create_proposal_draft(acting_user=world.user("cell_member"),
                                 organization=world.orgs["rp"], coalition=other, data=TEXT)
