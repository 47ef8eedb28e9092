"""Paper ballots entered by two tellers.

Teller A types the whole stack (``do_enter_first_count``), teller B types it again
(``do_enter_second_count``). When the two entries agree as multisets of ballots, the
ballots go into the box in a random order and the stack's ballots are added to the turnout
(paper voters signed the attendance list: no voter marks). When they differ, nothing goes
in, both entries stay on the paper count for the recount, and the second teller is told how
many ballots differ: ``PaperCountRefused`` carries the saved count and the message.
"""

from __future__ import annotations

import random
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.log import record, snapshot
from ballots.actions import check_open, require_right
from ballots.marks import differing, parse_paper
from ballots.models import Ballot, BallotBox, PaperCount


class PaperCountRefused(ValidationError):
    """The tellers disagree: the count is saved as disagreed, nothing went into the box."""

    def __init__(self, count: PaperCount) -> None:
        super().__init__(ngettext(
            "The two entries differ in %(n)d ballot: nothing was added to the box. Count "
            "the paper ballots again.",
            "The two entries differ in %(n)d ballots: nothing was added to the box. Count "
            "the paper ballots again.", count.differing) % {"n": count.differing},
            code="tellers_disagree")
        self.count = count


def do_enter_first_count(*, acting_user: Any, box: BallotBox, text: str) -> PaperCount:
    require_right(acting_user, box.unit, "change")
    check_open(box)
    ballots = parse_paper(box, text)
    if not ballots:
        raise ValidationError(_("Enter one line per paper ballot."), code="empty")
    count = PaperCount(box=box, teller_a=acting_user, entry_a=ballots)
    with transaction.atomic():
        count.save()
        record(actor=acting_user, action="create", obj=count)
    return count


def do_enter_second_count(*, acting_user: Any, count: PaperCount, text: str) -> PaperCount:
    """Raises ``PaperCountRefused`` after committing the disagreement (both entries kept)."""
    require_right(acting_user, count.box.unit, "change")
    if acting_user is None or acting_user.pk == count.teller_a_id:
        raise ValidationError(_("The second count must be entered by another teller."),
                              code="same_teller")
    ballots = parse_paper(count.box, text)
    with transaction.atomic():
        locked = (PaperCount.objects.select_for_update(of=("self",)).select_related("box")
                  .get(pk=count.pk))
        if locked.status != PaperCount.Status.WAITING:
            raise ValidationError(_("This paper count is finished: start a new one for a "
                                    "recount."), code="finished")
        box = BallotBox.objects.select_for_update().get(pk=locked.box_id)
        check_open(box)
        before = snapshot(locked)
        locked.teller_b = acting_user
        locked.entry_b = ballots
        locked.differing = differing(locked.entry_a, ballots)
        locked.status = (PaperCount.Status.DISAGREED if locked.differing
                         else PaperCount.Status.AGREED)
        locked.save()
        record(actor=acting_user, action="update", obj=locked, before=before)
        if not locked.differing:
            _put_in(box, ballots, acting_user)
    if locked.differing:
        raise PaperCountRefused(locked)
    return locked


def _put_in(box: BallotBox, ballots: list[list[str]], acting_user: Any) -> None:
    stack = [list(b) for b in ballots]
    random.SystemRandom().shuffle(stack)
    for marks in stack:
        Ballot.objects.create(box=box, marks=marks)
    before = snapshot(box)
    box.paper_voters += len(stack)
    box.save()
    record(actor=acting_user, action="update", obj=box, before=before)
