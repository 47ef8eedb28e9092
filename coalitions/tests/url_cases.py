"""URL patterns of resolutions (see tests/url_walk.py), and what the walk needs: an office
draft (inside only the office's scope), a proposal of Red Party, a circulated resolution, an
adopted one, and a draft of another coalition whose office is nobody in the cast. Proposal
drafts of Red Party: one of Cell A (written by ``cell_member``, given the international-work
right: inside Cell A's scope, outside the office's and the Other Party's), one of its top unit
(written by the founder, outside everyone's in the cast)."""

from __future__ import annotations

from coalitions.models import CoalitionResolution, ProposalDraft
from organizations.models import Coalition
from tests.url_walk import Case

_R = CoalitionResolution
CASES = {
    "coalitions:resolution_list": Case(),
    "coalitions:resolution_detail": Case(model=_R),
    "coalitions:take_up": Case(model=_R, action="change", method="POST"),
    "coalitions:close": Case(model=_R, action="change", method="POST"),
    "coalitions:add_text": Case(model=_R, action="change"),
    "coalitions:circulate": Case(model=_R, action="change"),
    "coalitions:answer": Case(model=_R),
    "coalitions:written_answer": Case(model=_R, action="change"),
    "coalitions:sign": Case(model=_R),
    "coalitions:draft": Case(model=Coalition, action="change"),
    "coalitions:propose": Case(model=Coalition),
    "coalitions:proposal_drafts": Case(model=Coalition),
    "coalitions:proposal_draft": Case(model=ProposalDraft),
    "coalitions:proposal_draft_edit": Case(model=ProposalDraft),
    "coalitions:proposal_draft_send": Case(model=ProposalDraft),
    "coalitions:adoption_rule": Case(model=Coalition, action="change"),
    "coalitions:signatory_import": Case(model=Coalition, action="change"),
    "coalitions:dashboard": Case(model=Coalition, action="change"),
}


def extend_world(world) -> None:
    import datetime

    from access.actions import do_add_office_user, do_grant_role
    from accounts.models import User
    from coalitions.actions import (
        do_circulate,
        do_create_proposal_draft,
        do_draft_resolution,
        do_enter_written_answer,
        do_propose,
        do_set_adoption_rule,
    )
    from organizations.actions import do_create_coalition

    office = world.user("coalition_office")
    coalition = world.coalition
    do_set_adoption_rule(acting_user=office, coalition=coalition, kind="approvals", approvals=1)
    do_draft_resolution(acting_user=office, coalition=coalition, title="Office draft",
                        language="en", body="Draft text.")
    do_propose(acting_user=User.objects.get(username="founder"), organization=world.orgs["rp"],
               coalition=coalition, title="Red Party proposal", language="en", body="Text.")
    do_grant_role(acting_user=None, user=world.user("cell_member"), unit=world.units["cell_a"],
                  kind="member", international_work=True)
    for writer, title in (("cell_member", "Cell A draft"), ("founder", "Top unit draft")):
        do_create_proposal_draft(acting_user=User.objects.get(username=writer),
                                 organization=world.orgs["rp"], coalition=coalition,
                                 data={"title": title, "language": "en", "body": "Text.",
                                       "points": "One.\nTwo."})
    today = datetime.date.today()
    for title, adopt in (("Circulated call", False), ("Adopted call", True)):
        draft = do_draft_resolution(acting_user=office, coalition=coalition, title=title,
                                    language="en", body="Call text.")
        circulation = do_circulate(acting_user=office, resolution=draft,
                                   deadline=today + datetime.timedelta(days=7))
        if adopt:
            do_enter_written_answer(acting_user=office, circulation=circulation,
                                    organization=world.orgs["profile"], vote="approve",
                                    received_on=today)
    elsewhere_office = User.objects.create_user("elsewhere_office")
    elsewhere = do_create_coalition(acting_user=elsewhere_office,
                                    data={"name": "Elsewhere Coalition", "acronym": "EC"})
    do_add_office_user(acting_user=None, coalition=elsewhere, user=elsewhere_office)
    do_draft_resolution(acting_user=elsewhere_office, coalition=elsewhere,
                        title="Elsewhere draft", language="en", body="Text.")


def _api_cases() -> dict[str, Case]:
    from coalitions.models import Answer, Circulation, ResolutionText, Signatory

    cases = {}
    for name, model in (("coalition-resolution", CoalitionResolution),
                        ("resolution-text", ResolutionText), ("circulation", Circulation),
                        ("answer", Answer),
                        ("signatory", Signatory), ("proposal-draft", ProposalDraft)):
        cases[f"{name}-list"] = Case(model=None)
        cases[f"{name}-detail"] = Case(model=model)
    cases["proposal-draft-send"] = Case(model=ProposalDraft, method="POST")
    return cases


CASES.update(_api_cases())
