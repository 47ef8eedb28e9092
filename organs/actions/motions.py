"""Motions: proposing one (or an amendment), withdrawing it, and deciding it — by the counts
of an open vote, by each member's named vote, or (``decide_motion``, for the ballots app) by
the counts of a secret ballot. An adopted motion becomes the organ's next decision.

A motion is decided only at a meeting with quorum, while it is open, after its own
amendments are decided, and with no more votes than voting members present."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from organs import rules
from organs.actions.decisions import take_decision
from organs.members import quorum_of, voting_members_of
from organs.models import AgendaItem, Attendance, Motion, NamedVote, OrganRules
from people.models import Person

MOTION_FIELDS = ("title", "text", "proposer", "vote_mode", "majority")


def _check_proposer(motion: Motion) -> None:
    person = motion.proposer
    unit = motion.agenda_item.meeting.unit
    if person is not None and (person.unit_id != unit.pk or person.kind != Person.Kind.MEMBER):
        raise ValidationError({"proposer": _(
            "The proposer must be a member of the organ; leave it empty for the organ's "
            "secretariat.")})


@transaction.atomic
def do_propose_motion(*, acting_user: Any, agenda_item: AgendaItem, data: dict[str, Any],
                      amends: Motion | None = None) -> Motion:
    if amends is not None:
        if amends.agenda_item_id != agenda_item.pk:
            raise ValidationError(_("An amendment is proposed on the motion's agenda item."))
        _check_open(amends)
    motion = Motion(agenda_item=agenda_item, amends=amends,
                    **{k: v for k, v in data.items() if k in MOTION_FIELDS})
    motion.full_clean()
    _check_proposer(motion)
    motion.save()
    record(actor=acting_user, action="create", obj=motion)
    return motion


def _locked(motion: Motion) -> Motion:
    return (Motion.objects.select_for_update(of=("self",))
            .select_related("agenda_item__meeting__unit").get(pk=motion.pk))


def _check_open(motion: Motion) -> None:
    if not motion.is_open:
        raise ValidationError(_("This motion is already decided or withdrawn: its vote is "
                                "closed."), code="closed")


@transaction.atomic
def do_withdraw_motion(*, acting_user: Any, motion: Motion) -> Motion:
    motion = _locked(motion)
    _check_open(motion)
    before = snapshot(motion)
    motion.status = Motion.Status.WITHDRAWN
    motion.save()
    record(actor=acting_user, action="update", obj=motion, before=before)
    return motion


def rule_of(motion: Motion) -> str:
    return motion.majority or OrganRules.of(motion.agenda_item.meeting.unit).majority


def _check_can_decide(motion: Motion, cast: int) -> int:
    """Returns the number of voting members (the absolute majority's base)."""
    _check_open(motion)
    if motion.amendments.filter(status=Motion.Status.PROPOSED).exists():
        raise ValidationError(_("Decide the amendments to this motion first."),
                              code="open_amendments")
    quorum = quorum_of(motion.agenda_item.meeting)
    if not quorum.reached:
        raise ValidationError(_(
            "The meeting has no quorum: %(present)s of %(members)s voting members present, "
            "%(needed)s needed. A motion cannot be decided without quorum.") % {
                "present": quorum.present, "members": quorum.members, "needed": quorum.needed},
            code="no_quorum")
    if cast > quorum.present:
        raise ValidationError(_(
            "%(cast)s votes counted, but only %(present)s voting members are present.") % {
                "cast": cast, "present": quorum.present}, code="too_many_votes")
    return quorum.members


def decide_motion(*, acting_user: Any, motion: Motion, votes_for: int, against: int,
                  abstain: int) -> Motion:
    """Decide ``motion`` from its counts (inside the caller's transaction, on a locked
    motion): adopted or rejected by its majority rule; an adopted motion that amends no
    other becomes the organ's next decision."""
    members = _check_can_decide(motion, votes_for + against + abstain)
    before = snapshot(motion)
    meeting = motion.agenda_item.meeting
    adopted = rules.adopted(rule_of(motion), votes_for=votes_for, against=against,
                            abstain=abstain, members=members)
    motion.votes_for, motion.votes_against, motion.abstentions = votes_for, against, abstain
    motion.voting_members = members
    motion.status = Motion.Status.ADOPTED if adopted else Motion.Status.REJECTED
    motion.decided_on = meeting.held_on
    motion.save()
    record(actor=acting_user, action="update", obj=motion, before=before)
    if adopted and motion.amends_id is None:
        take_decision(acting_user=acting_user, unit=meeting.unit, decided_on=meeting.held_on,
                      title=motion.title, text=motion.text, motion=motion,
                      date_precision=meeting.date_precision)
    return motion


@transaction.atomic
def do_count_open_vote(*, acting_user: Any, motion: Motion, data: dict[str, Any]) -> Motion:
    """The counts of an open vote: for, against, abstentions."""
    motion = _locked(motion)
    if motion.vote_mode != Motion.VoteMode.OPEN:
        raise ValidationError(_("This motion is not voted openly."), code="mode")
    given = [data.get(k) for k in ("votes_for", "votes_against", "abstentions")]
    counts = [c for c in given if isinstance(c, int) and c >= 0]
    if len(counts) != len(given):
        raise ValidationError(_("Give the number of votes for, against and abstaining."),
                              code="counts")
    return decide_motion(acting_user=acting_user, motion=motion, votes_for=counts[0],
                         against=counts[1], abstain=counts[2])


def _present_voters(motion: Motion) -> set[int]:
    meeting = motion.agenda_item.meeting
    return set(Attendance.objects.filter(
        meeting=meeting, presence=Attendance.Presence.PRESENT,
        person__in=voting_members_of(meeting.unit)).values_list("person_id", flat=True))


@transaction.atomic
def do_cast_named_vote(*, acting_user: Any, motion: Motion, person: Person,
                       choice: str) -> NamedVote:
    """One member's named vote: a voting member present at the meeting, once."""
    motion = _locked(motion)
    if motion.vote_mode != Motion.VoteMode.NAMED:
        raise ValidationError(_("This motion is not voted by name."), code="mode")
    _check_open(motion)
    if person.pk not in _present_voters(motion):
        raise ValidationError(_("Only voting members present at the meeting vote; candidates "
                                "have a voice, no vote."), code="not_a_voter")
    if NamedVote.objects.filter(motion=motion, person=person).exists():
        raise ValidationError(_("%(alias)s has already voted on this motion.")
                              % {"alias": person.alias}, code="twice")
    vote = NamedVote(motion=motion, person=person, choice=choice)
    vote.full_clean()
    vote.save()
    record(actor=acting_user, action="create", obj=vote)
    return vote


@transaction.atomic
def do_close_named_vote(*, acting_user: Any, motion: Motion) -> Motion:
    """Decide a motion voted by name from the votes cast."""
    motion = _locked(motion)
    if motion.vote_mode != Motion.VoteMode.NAMED:
        raise ValidationError(_("This motion is not voted by name."), code="mode")
    choices = list(NamedVote.objects.filter(motion=motion).values_list("choice", flat=True))
    return decide_motion(acting_user=acting_user, motion=motion,
                         votes_for=choices.count(NamedVote.Choice.FOR),
                         against=choices.count(NamedVote.Choice.AGAINST),
                         abstain=choices.count(NamedVote.Choice.ABSTAIN))
