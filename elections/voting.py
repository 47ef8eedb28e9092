"""The vote of an election: opening a ballot box, closing and counting it.

Opening the vote opens a ``ballots`` box for the standing candidates (option keys: the
nominations' uids), with the election's electorate as voter keys: the organ's full members,
or the congress's confirmed delegates. The kind of ballot follows the method (``ballots``
decides it: marks for simple majority, approval and absolute majority; a ranking for STV).
Members cast in the app (the ballots app's pages) or tellers enter paper stacks there.

Closing closes the box and counts it with ``ballots.counting``; the full count is stored on
the election, rounds and transfers for STV. The absolute-majority method goes to a runoff
in a **second box** holding the two strongest candidates (and any tied with the second)
when no one has more than half of the valid ballots; the runoff's count decides.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from ballots.actions import do_close_box, do_open_box, turnout, voter_key_in
from ballots.models import BallotBox
from ballots.results import count_box
from elections.actions import locked, require_status, standing
from elections.electorate import voter_keys
from elections.models import Election, Nomination

BOX_METHOD: dict[str, str] = {
    Election.Method.PLURALITY: BallotBox.Method.PLURALITY,
    Election.Method.ABSOLUTE: BallotBox.Method.ABSOLUTE_MAJORITY,
    Election.Method.APPROVAL: BallotBox.Method.APPROVAL,
    Election.Method.STV: BallotBox.Method.STV,
}


def _open(acting_user: Any, election: Election, candidates: list[Nomination],
          label: str) -> BallotBox:
    return do_open_box(
        acting_user=acting_user, unit=election.unit, label=label,
        method=BOX_METHOD[election.method], electorate=voter_keys(election),
        options=[{"key": str(n.uid), "label": n.name()} for n in candidates],
        seats=election.seats)


@transaction.atomic
def do_open_vote(*, acting_user: Any, election: Election) -> Election:
    election = locked(election)
    require_status(election, Election.Status.NOMINATING)
    if election.is_recorded:
        raise ValidationError(_("An election recorded from the public record has no vote."),
                              code="recorded")
    if election.nominations.filter(status=Nomination.Status.PROPOSED).exists():
        raise ValidationError(_("A nomination still awaits the candidate's answer."),
                              code="pending")
    candidates = standing(election)
    if len(candidates) <= election.seats:
        raise ValidationError(_(
            "%(n)s candidates stand for %(seats)s seats: there is nothing to vote on.")
            % {"n": len(candidates), "seats": election.seats}, code="no_contest")
    box = _open(acting_user, election, candidates, election.title)
    before = snapshot(election)
    election.box = box
    election.status = Election.Status.VOTING
    election.save()
    record(actor=acting_user, action="update", obj=election, before=before)
    return election


def _keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    return {key: value for key, value in pairs}


def count_of(box: BallotBox) -> dict[str, Any]:
    """The count of a closed box as JSON: every number, by option key."""
    result = count_box(box)
    if result is None:
        raise ValueError("the box is open")
    count = result.count
    data: dict[str, Any] = {"method": box.method, "ballots": result.ballots,
                            "turnout": turnout(box), "electorate": len(box.electorate),
                            "candidates": box.option_keys(),
                            "blank": getattr(count, "blank", 0)}
    if box.method == BallotBox.Method.STV:
        data.update(quota=count.quota, elected=list(count.elected), rounds=[{
            "counts": _keys(r.counts), "exhausted": r.exhausted, "elected": r.elected,
            "eliminated": r.eliminated, "transfers": r.transfers, "by_lot": r.by_lot}
            for r in count.rounds])
    elif box.method == BallotBox.Method.ABSOLUTE_MAJORITY:
        data.update(counts=_keys(count.counts), valid=count.valid,
                    elected=[count.winner] if count.winner else [], runoff=count.runoff)
    else:
        data.update(counts=_keys(count.counts), elected=list(count.elected),
                    tied=list(count.tied))
    return data


def _runoff(acting_user: Any, election: Election, first: dict[str, Any]) -> Election:
    by_uid = {str(n.uid): n for n in standing(election)}
    candidates = [by_uid[key] for key in first["runoff"] if key in by_uid]
    box = _open(acting_user, election, candidates,
                _("%(title)s: runoff") % {"title": election.title})
    before = snapshot(election)
    election.runoff_box = box
    election.result = {"first_round": first}
    election.save()
    record(actor=acting_user, action="update", obj=election, before=before)
    return election


@transaction.atomic
def do_close_vote(*, acting_user: Any, election: Election) -> Election:
    """Close the open box and count it: the result, or (absolute majority without a winner
    in the first round) the runoff's box opened."""
    election = locked(election)
    require_status(election, Election.Status.VOTING)
    box = election.runoff_box or election.box
    if box is None:
        raise ValidationError(_("This election has no ballot box."), code="no_box")
    if box.is_open:
        box = do_close_box(acting_user=acting_user, box=box)
    # else closed already on the ballot box's own page: counted as it is.
    data = count_of(box)
    if election.method == Election.Method.ABSOLUTE and election.runoff_box_id is None and (
            not data["elected"]):
        return _runoff(acting_user, election, data)
    if election.runoff_box_id is not None:
        data["first_round"] = election.result.get("first_round")
    before = snapshot(election)
    election.result = data
    election.status = Election.Status.COUNTED
    election.outcome = Election.Outcome.COUNTED
    election.save()
    record(actor=acting_user, action="update", obj=election, before=before)
    return election


def vote_state(user: Any, election: Election) -> dict[str, Any]:
    """What the election page says of the vote: the open box, the turnout, whether the
    reader may cast a ballot."""
    box = election.runoff_box or election.box
    if box is None:
        return {}
    return {"box": box, "box_url": reverse("ballots:box", kwargs={"uid": box.uid}),
            "is_open": box.is_open, "turnout": turnout(box),
            "electorate": len(box.electorate),
            "may_cast": box.is_open and voter_key_in(box, user) is not None}
