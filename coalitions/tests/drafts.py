"""Proposal drafts in the cast's world: RP acting through ``cell_member``'s international-work
role on Cell A, and Other Party (its secretary: ``outsider``) a member of the coalition too."""

from __future__ import annotations

from access.actions import do_grant_role
from coalitions.actions import do_create_proposal_draft
from coalitions.models import ProposalDraft
from organizations.actions import do_set_membership

TEXT = {"kind": "resolution", "title": "Solidarity with the miners", "language": "en",
        "body": "The coalition calls for solidarity.", "points": ["Collect.", "Report."]}


def setup(world) -> None:
    do_grant_role(acting_user=None, user=world.user("cell_member"), unit=world.units["cell_a"],
                  kind="member", international_work=True)
    do_set_membership(acting_user=world.user("coalition_office"), coalition=world.coalition,
                      organization=world.orgs["op"], data={"status": "member"})


def draft(world, **changes) -> ProposalDraft:
    setup(world)
    return do_create_proposal_draft(acting_user=world.user("cell_member"),
                                    organization=world.orgs["rp"], coalition=world.coalition,
                                    data={**TEXT, **changes})
