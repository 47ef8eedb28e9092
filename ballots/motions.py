"""Secret votes on motions: a motion whose vote is secret is voted in a yes/no box.

Opening: the box's electorate is the organ's voting members present at the meeting (those
who may vote on it: ``organs`` refuses more votes than voting members present), its rule
the motion's majority rule. Closing the box (``ballots.actions.do_close_box``) counts it and
decides the motion through ``organs.actions.motions.decide_motion`` in the same transaction:
adopted by its rule it becomes the organ's next decision. When the motion cannot be decided
(no quorum, open amendments, already decided) the box stays open and nothing is saved.

The link is ``BallotBox.motion``: ballots depends on organs, never the other way.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ballots.actions import do_open_box
from ballots.electorate import person_key
from ballots.models import BallotBox
from organs.actions.motions import decide_motion, rule_of
from organs.members import voting_members_of
from organs.models import Attendance, Motion


def present_voter_keys(motion: Motion) -> list[str]:
    meeting = motion.agenda_item.meeting
    present = Attendance.objects.filter(
        meeting=meeting, presence=Attendance.Presence.PRESENT,
        person__in=voting_members_of(meeting.unit)).select_related("person")
    return [person_key(a.person) for a in present if a.person is not None]


def do_open_motion_ballot(*, acting_user: Any, motion: Motion) -> BallotBox:
    """Open the secret ballot on ``motion`` (once; an open, secret motion only)."""
    with transaction.atomic():
        locked = Motion.objects.select_for_update(of=("self",)).select_related(
            "agenda_item__meeting__unit").get(pk=motion.pk)
        if locked.vote_mode != Motion.VoteMode.SECRET:
            raise ValidationError(_("This motion is not voted by secret ballot."),
                                  code="mode")
        if not locked.is_open:
            raise ValidationError(_("This motion is already decided or withdrawn: its vote "
                                    "is closed."), code="closed")
        if BallotBox.objects.filter(motion=locked).exists():
            raise ValidationError(_("This motion's secret ballot is already open."),
                                  code="twice")
        return do_open_box(acting_user=acting_user, unit=locked.unit, label=locked.title,
                           method=BallotBox.Method.YES_NO, rule=rule_of(locked),
                           electorate=present_voter_keys(locked), motion=locked)


def decide_from_box(*, acting_user: Any, box: BallotBox, ballots: list[list[str]]) -> Motion:
    """Inside the closing transaction: the motion decided by the box's count (a blank
    ballot counts as an abstention)."""
    from ballots import counting

    assert box.motion_id is not None
    motion = Motion.objects.select_for_update(of=("self",)).select_related(
        "agenda_item__meeting__unit").get(pk=box.motion_id)
    # The rule is the motion's; the members' base is decide_motion's own (the quorum's).
    tally = counting.count_yes_no(ballots, rule_of(motion), len(box.electorate))
    return decide_motion(acting_user=acting_user, motion=motion, votes_for=tally.for_votes,
                         against=tally.against, abstain=tally.abstain + tally.blank)
