"""A circulation in the cast's Test Coalition: RP, Profile Org and three registered members
(no users), a rule of ``needed`` approvals, and RP acting through ``cell_member``'s new
international-work role."""

from __future__ import annotations

import datetime

from access.actions import do_grant_role
from coalitions.actions import do_circulate, do_draft_resolution, do_set_adoption_rule
from coalitions.models import Circulation
from organizations.actions import do_register_member_organization
from organizations.models import Organization


def circulation(world, *, needed: int = 3, kind: str = "approvals", share: int | None = None,
                deadline_days: int = 10, started_days: int = 5) -> Circulation:
    office = world.user("coalition_office")
    for n in (1, 2, 3):
        if not Organization.objects.filter(acronym=f"M{n}").exists():
            do_register_member_organization(acting_user=office, coalition=world.coalition,
                                            data={"name": f"Member {n}", "acronym": f"M{n}"})
    do_grant_role(acting_user=None, user=world.user("cell_member"), unit=world.units["cell_a"],
                  kind="member", international_work=True)
    do_set_adoption_rule(acting_user=office, coalition=world.coalition, kind=kind,
                         approvals=needed if kind == "approvals" else None,
                         share_percent=share)
    today = datetime.date.today()
    draft = do_draft_resolution(acting_user=office, coalition=world.coalition,
                                title="Solidarity call", language="en",
                                body="1. First.\n2. Second.", points=["First.", "Second."],
                                on=today - datetime.timedelta(days=started_days))
    return do_circulate(acting_user=office, resolution=draft,
                        deadline=today + datetime.timedelta(days=deadline_days),
                        on=today - datetime.timedelta(days=started_days))


def member(n: int) -> Organization:
    return Organization.objects.get(acronym=f"M{n}")
