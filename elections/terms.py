"""Publishing an election's results and the terms that follow from them.

Publishing shows the full count to the organ (the results were the election's all along;
the page shows them once published) and starts the winners' terms on the office's unit from
the day of the election: the open terms of the same office on that unit end that day, and
roles follow the terms through the audited role actions — a winner with a login is given
the election's role on the unit, a previous holder who was not re-elected loses theirs.
A public figure elected in an election recorded from the public record is recorded on the
organization's public profile (``do_add_public_office``), never as a person — only while
their term is current, since the profile keeps no end of an office. An older election
recorded after a newer one gets a term that ends where the newer began.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from access.actions import do_grant_role, do_revoke_role
from access.models import Role
from accounts.models import User
from audit.log import record, snapshot
from elections.actions import locked, require_status
from elections.electorate import delegate_person
from elections.models import Election, Nomination, OfficeTerm
from organizations.actions import do_add_public_office
from organizations.models import PublicOffice
from people.models import Person


def elected(election: Election) -> list[Nomination]:
    uids = election.result.get("elected", [])
    by_uid = {str(n.uid): n for n in election.nominations.select_related(
        "candidate", "delegate", "delegate__sending_unit")}
    return [by_uid[u] for u in uids if u in by_uid]


def _end_previous(acting_user: Any, election: Election, since: date,
                  staying: set[int]) -> dict[int, Role]:
    """End the open terms of the office; returns the still open roles of holders re-elected
    (keyed by person), which go on into their new term."""
    kept: dict[int, Role] = {}
    terms = OfficeTerm.objects.select_for_update(of=("self",)).filter(
        unit=election.office_unit, title=election.title, until__isnull=True,
        since__lte=since).select_related("role")
    for term in terms:
        before = snapshot(term)
        term.until = since
        term.save()
        record(actor=acting_user, action="update", obj=term, before=before)
        role = term.role
        if role is None or role.until is not None:
            continue
        if term.holder_id in staying:
            kept[term.holder_id] = role
        else:
            do_revoke_role(acting_user=acting_user, role=role)
    return kept


def holder_of(nomination: Nomination) -> Person | None:
    """The person elected: the candidate, or the person of a delegate's mandate."""
    if nomination.delegate is not None:
        return delegate_person(nomination.delegate)
    return nomination.candidate


def _role_for(acting_user: Any, election: Election, person: Person | None,
              kept: dict[int, Role]) -> Role | None:
    if person is None or not election.role_kind:
        return None
    if person.pk in kept:
        return kept[person.pk]
    user = User.objects.filter(person=person, is_active=True).first()
    if user is None:
        return None
    if Role.objects.filter(user=user, unit=election.office_unit, until__isnull=True).exists():
        # A role held apart from this office (a secretary elected to the bureau) is neither
        # changed by the term nor ended with it.
        return None
    return do_grant_role(acting_user=acting_user, user=user, unit=election.office_unit,
                         kind=election.role_kind, since=election.held_on)


def _public_office(acting_user: Any, election: Election, nomination: Nomination) -> None:
    organization = election.office_unit.organization
    if not PublicOffice.objects.filter(organization=organization, title=election.title,
                                       holder=nomination.public_name).exists():
        do_add_public_office(acting_user=acting_user, organization=organization, data={
            "title": election.title, "holder": nomination.public_name,
            "since_year": election.held_on.year})


@transaction.atomic
def do_publish_results(*, acting_user: Any, election: Election) -> Election:
    election = locked(election)
    require_status(election, Election.Status.COUNTED)
    winners = elected(election)
    since = election.held_on
    holders = {n.pk: holder_of(n) for n in winners}
    kept = _end_previous(acting_user, election, since,
                         {p.pk for p in holders.values() if p is not None})
    # History entered out of order (an older recorded election after a newer one): the
    # term ends where the next one began, and gives no role.
    later = (OfficeTerm.objects.filter(unit=election.office_unit, title=election.title,
                                       since__gt=since).order_by("since").first())
    for nomination in winners:
        person = holders[nomination.pk]
        term = OfficeTerm(election=election, unit=election.office_unit, title=election.title,
                          holder=person, public_name=nomination.public_name,
                          delegate=nomination.delegate, since=since,
                          until=later.since if later else None,
                          role=None if later else _role_for(acting_user, election, person,
                                                            kept))
        term.full_clean()
        term.save()
        record(actor=acting_user, action="create", obj=term)
        if nomination.public_name and later is None:
            # The public profile has no end date for an office: only a current holder.
            _public_office(acting_user, election, nomination)
    before = snapshot(election)
    election.status = Election.Status.PUBLISHED
    election.save()
    record(actor=acting_user, action="update", obj=election, before=before)
    return election
