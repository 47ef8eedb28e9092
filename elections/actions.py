"""Every write of an election before the count: calling it, nominations (with acceptance and
withdrawal in favour of another candidate), the sole-candidate rule and the outcome of an
election recorded from the public record. Voting is in ``voting.py``, publishing the results
and the terms that follow in ``terms.py``.

Callers load what they pass through the access layer; the actions check what the election
must be (still nominating, the candidate a voting member of the organ ...) and refuse with a
message and nothing written. Each runs in one transaction and leaves audit rows.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.helpers import can
from audit.log import record, snapshot
from congresses.models import Delegate
from elections.electorate import is_confirmed_delegate, is_voting_member, own_delegate
from elections.models import Election, Nomination
from organizations.models import Unit
from organs.decisions import require_decision
from people.models import Person

ELECTION_FIELDS = ("seat_unit", "kind", "title", "seats", "method", "sole_candidate_rule",
                   "role_kind", "nominations_close", "held_on", "note", "called_by",
                   "congress")


def refusal(field: str, message: str, code: str) -> ValidationError:
    """A refusal on one field with its code (the code of a dict of errors is lost)."""
    return ValidationError({field: ValidationError(message, code=code)})


def may_change(user: Any, election: Election) -> bool:
    """Whether ``user`` runs the election for the organ (its secretaries); ``None`` is the
    system (the demo, commands)."""
    return user is None or can(user, Election, election, "change")


def own_person(user: Any) -> Person | None:
    return getattr(user, "person", None) if user is not None else None


def locked(election: Election) -> Election:
    return Election.objects.select_for_update(of=("self",)).select_related("unit", "seat_unit").get(
        pk=election.pk)


def require_status(election: Election, *statuses: str) -> None:
    if election.status not in statuses:
        raise ValidationError(_("This election is %(status)s: that cannot be done now.")
                              % {"status": election.get_status_display()}, code="status")


@transaction.atomic
def do_create_election(*, acting_user: Any, unit: Unit, data: dict[str, Any]) -> Election:
    election = Election(unit=unit, **{k: v for k, v in data.items() if k in ELECTION_FIELDS})
    if election.kind == Election.Kind.OFFICE:
        election.seats = 1
    require_decision(election.called_by, organization=unit.organization_id)
    election.full_clean()
    election.save()
    record(actor=acting_user, action="create", obj=election)
    return election


def _check_delegate(election: Election, delegate: Delegate | None) -> None:
    if not is_confirmed_delegate(election, delegate):
        raise refusal("delegate", _("At a congress the candidates are its confirmed "
                                    "delegates."), "not_delegate")
    if election.nominations.filter(delegate=delegate).exists():
        raise refusal("delegate", _("This delegate is already nominated."), "twice")


def _check_candidate(election: Election, candidate: Person | None, public_name: str) -> None:
    if election.is_recorded:
        if candidate is not None or not public_name:
            raise refusal("public_name", _(
                "An election recorded from the public record names its candidates by their "
                "public names."), "public_name")
        if election.nominations.filter(public_name=public_name).exists():
            raise refusal("public_name", _("%(name)s is already nominated.")
                          % {"name": public_name}, "twice")
        return
    if candidate is None or public_name:
        raise refusal("candidate", _("Choose the candidate among the organ's members."),
                      "candidate")
    if candidate.unit_id != election.unit_id or candidate.kind != Person.Kind.MEMBER:
        raise refusal("candidate", _("%(alias)s is not a member of %(unit)s.")
                      % {"alias": candidate.alias, "unit": election.unit.name}, "not_member")
    if candidate.status != Person.Status.MEMBER:
        raise refusal("candidate", _(
            "%(alias)s is not a full member (%(status)s): only full members stand and vote.")
            % {"alias": candidate.alias, "status": candidate.get_status_display()},
            "not_full_member")
    if election.nominations.filter(candidate=candidate).exists():
        raise refusal("candidate", _("%(name)s is already nominated.")
                      % {"name": candidate.alias}, "twice")


def _check_delegate_nominator(acting_user: Any, election: Election,
                              nominated_by: Delegate | None) -> None:
    if not is_confirmed_delegate(election, nominated_by):
        raise refusal("nominated_by_delegate", _(
            "At a congress a nomination is made by a confirmed delegate."), "nominator")
    if not may_change(acting_user, election) and (
            nominated_by != own_delegate(acting_user, election)):
        raise refusal("nominated_by_delegate", _("You may nominate only in your own name."),
                      "not_yours")


def _check_nominator(acting_user: Any, election: Election, candidate: Person | None,
                     nominated_by: Person | None, self_nominated: bool) -> None:
    if election.is_recorded:
        return
    if self_nominated:
        nominated_by = candidate
    if nominated_by is None or not is_voting_member(election, nominated_by):
        raise refusal("nominated_by", _("A nomination is made by a full member of the organ."),
                      "nominator")
    if not may_change(acting_user, election) and nominated_by != own_person(acting_user):
        raise refusal("nominated_by", _("You may nominate only in your own name."),
                      "not_yours")


@transaction.atomic
def do_nominate(*, acting_user: Any, election: Election, candidate: Person | None = None,
                public_name: str = "", nominated_by: Person | None = None,
                self_nominated: bool = False, delegate: Delegate | None = None,
                nominated_by_delegate: Delegate | None = None,
                on: date | None = None) -> Nomination:
    """Nominate a candidate. A self-nomination stands at once; a nomination by another waits
    for the candidate's acceptance. ``on`` is the day of a nomination recorded from the past
    (recorded elections only); otherwise today, which must not be after the deadline."""
    election = locked(election)
    require_status(election, Election.Status.NOMINATING)
    public_name = public_name.strip()
    today = timezone.localdate()
    if not election.is_recorded and election.nominations_close and (
            today > election.nominations_close):
        raise ValidationError(_("Nominations closed on %(day)s.")
                              % {"day": election.nominations_close.isoformat()},
                              code="deadline")
    if election.congress_id is not None and not election.is_recorded:
        _check_delegate(election, delegate)
        _check_delegate_nominator(acting_user, election,
                                  delegate if self_nominated else nominated_by_delegate)
        candidate, nominated_by = None, None
    else:
        _check_candidate(election, candidate, public_name)
        _check_nominator(acting_user, election, candidate, nominated_by, self_nominated)
        delegate = nominated_by_delegate = None
    nomination = Nomination(
        election=election, candidate=candidate, public_name=public_name, delegate=delegate,
        nominated_by=candidate if self_nominated else nominated_by,
        nominated_by_delegate=delegate if self_nominated else nominated_by_delegate,
        self_nominated=self_nominated)
    if self_nominated:
        nomination.status = Nomination.Status.ACCEPTED
        nomination.accepted_on = on if election.is_recorded and on else today
    nomination.full_clean()
    nomination.save()
    record(actor=acting_user, action="create", obj=nomination)
    return nomination


def may_answer(user: Any, nomination: Nomination) -> bool:
    """The candidate (their own login) accepts or withdraws; the organ's secretaries record
    it for a candidate without a login."""
    person = own_person(user)
    if person is not None and nomination.candidate_id == person.pk:
        return True
    if nomination.delegate_id is not None and (
            own_delegate(user, nomination.election) == nomination.delegate):
        return True
    return may_change(user, nomination.election)


def _locked_nomination(acting_user: Any, nomination: Nomination) -> Nomination:
    nomination = Nomination.objects.select_for_update(of=("self",)).select_related(
        "election", "election__unit", "candidate").get(pk=nomination.pk)
    require_status(nomination.election, Election.Status.NOMINATING)
    if not may_answer(acting_user, nomination):
        raise ValidationError(_("Only the candidate, or whoever runs the election, may "
                                "answer for this nomination."), code="not_candidate")
    return nomination


@transaction.atomic
def do_accept_nomination(*, acting_user: Any, nomination: Nomination) -> Nomination:
    nomination = _locked_nomination(acting_user, nomination)
    if nomination.status != Nomination.Status.PROPOSED:
        raise ValidationError(_("This nomination is not awaiting acceptance."), code="answered")
    before = snapshot(nomination)
    nomination.status = Nomination.Status.ACCEPTED
    nomination.accepted_on = timezone.localdate()
    nomination.save()
    record(actor=acting_user, action="update", obj=nomination, before=before)
    return nomination


@transaction.atomic
def do_withdraw_nomination(*, acting_user: Any, nomination: Nomination,
                           in_favour_of: Nomination | None = None,
                           on: date | None = None) -> Nomination:
    """Withdraw (or decline) a nomination, optionally in favour of another candidate who
    stands."""
    nomination = _locked_nomination(acting_user, nomination)
    if nomination.status == Nomination.Status.WITHDRAWN:
        raise ValidationError(_("This nomination is already withdrawn."), code="withdrawn")
    if in_favour_of is not None and (
            in_favour_of.election_id != nomination.election_id or in_favour_of.pk == nomination.pk
            or in_favour_of.status == Nomination.Status.WITHDRAWN):
        raise refusal("in_favour_of", _(
            "A withdrawal is in favour of another candidate of the same election."),
            "in_favour_of")
    before = snapshot(nomination)
    nomination.status = Nomination.Status.WITHDRAWN
    nomination.withdrawn_on = (on if nomination.election.is_recorded and on
                               else timezone.localdate())
    nomination.in_favour_of = in_favour_of
    nomination.save()
    record(actor=acting_user, action="update", obj=nomination, before=before)
    return nomination


def standing(election: Election) -> list[Nomination]:
    return list(election.nominations.filter(status=Nomination.Status.ACCEPTED)
                .select_related("candidate"))


def _decide(acting_user: Any, election: Election, outcome: str,
            result: dict[str, Any]) -> Election:
    before = snapshot(election)
    election.status = Election.Status.COUNTED
    election.outcome = outcome
    election.result = result
    election.save()
    record(actor=acting_user, action="update", obj=election, before=before)
    return election


@transaction.atomic
def do_appoint_sole_candidate(*, acting_user: Any, election: Election) -> Election:
    """The sole-candidate rule: when the organ has adopted it for this office and exactly one
    accepted candidate remains (none awaiting acceptance), that candidate is appointed
    without a ballot, recorded as such."""
    election = locked(election)
    require_status(election, Election.Status.NOMINATING)
    if not election.sole_candidate_rule or election.kind != Election.Kind.OFFICE:
        raise ValidationError(_("This election has no sole-candidate rule: it goes to a "
                                "ballot."), code="no_rule")
    if election.nominations.filter(status=Nomination.Status.PROPOSED).exists():
        raise ValidationError(_("A nomination still awaits the candidate's answer."),
                              code="pending")
    candidates = standing(election)
    if len(candidates) != 1:
        raise ValidationError(_("The sole-candidate rule needs exactly one candidate; "
                                "%(n)s stand.") % {"n": len(candidates)}, code="not_sole")
    return _decide(acting_user, election, Election.Outcome.SOLE,
                   {"method": "sole", "elected": [str(candidates[0].uid)]})


@transaction.atomic
def do_record_outcome(*, acting_user: Any, election: Election,
                      elected: list[Nomination]) -> Election:
    """The outcome of a past election as the public record gives it, without a count."""
    election = locked(election)
    require_status(election, Election.Status.NOMINATING)
    if not election.is_recorded:
        raise ValidationError(_("Only an election recorded from the public record is "
                                "decided without a count."), code="not_recorded")
    ids = {n.pk for n in standing(election)}
    if not elected or len(elected) > election.seats or any(n.pk not in ids for n in elected):
        raise refusal("elected", _(
            "Choose between one and %(seats)s of the standing candidates.")
            % {"seats": election.seats}, "elected")
    return _decide(acting_user, election, Election.Outcome.RECORDED,
                   {"method": "recorded", "elected": [str(n.uid) for n in elected]})
