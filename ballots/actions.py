"""Opening a ballot box, casting a ballot, closing the box.

Casting writes the voter mark (who voted) and the ballot (what was voted) in one
transaction, and one audit row, on the mark: the row names the voter and the box, never the
ballot or its marks. The ballot itself is never audited. Closing rewrites the ballots in a
random order with fresh keys (``_reshuffle``): on PostgreSQL every live ballot row then
carries the closing transaction's id instead of its voter's, on SQLite the rows deleted on
the way are overwritten (``secure_delete``).

Paper ballots entered by two tellers: ``ballots/paper.py``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access import dbwall
from access.scope import scope_for
from audit.log import record, snapshot
from ballots import counting
from ballots.electorate import voter_keys_for
from ballots.marks import clean_marks
from ballots.models import Ballot, BallotBox, VoterMark, random_key
from ballots.results import ballots_of

KIND_OF_METHOD: dict[str, str] = {
    BallotBox.Method.YES_NO: BallotBox.Kind.YES_NO,
    BallotBox.Method.PLURALITY: BallotBox.Kind.CHOOSE,
    BallotBox.Method.ABSOLUTE_MAJORITY: BallotBox.Kind.CHOOSE,
    BallotBox.Method.APPROVAL: BallotBox.Kind.CHOOSE,
    BallotBox.Method.STV: BallotBox.Kind.RANK,
}


def yes_no_options() -> list[dict[str, str]]:
    return [{"key": counting.FOR, "label": _("For")},
            {"key": counting.AGAINST, "label": _("Against")},
            {"key": counting.ABSTAIN, "label": _("Abstain")}]


def require_right(acting_user: Any, unit: Any, action: str) -> None:
    if acting_user is not None and not scope_for(acting_user).sees_records_of(unit, action):
        raise ValidationError(_("You may not run ballots for this organ."), code="forbidden")


def _max_marks(method: str, seats: int, options: int) -> int:
    if method in (BallotBox.Method.PLURALITY,):
        return seats
    if method in (BallotBox.Method.APPROVAL, BallotBox.Method.STV):
        return options
    return 1


def do_open_box(*, acting_user: Any, unit: Any, label: str, method: str,
                electorate: Sequence[str], options: Sequence[dict[str, str]] = (),
                seats: int = 1, rule: str = "", closes_at: datetime | None = None,
                motion: Any = None) -> BallotBox:
    """Open a box for ``unit`` (the organ). A yes/no box has the options for, against and
    abstain and needs a majority ``rule``; the others need ``options`` (``{key, label}``,
    keys unique) and at least as many options as ``seats``. ``acting_user`` None: a trusted
    caller (a command, another app's action that checked the right itself)."""
    require_right(acting_user, unit, "add")
    if method not in BallotBox.Method.values:
        raise ValidationError(_("Choose a counting method."), code="method")
    if method == BallotBox.Method.YES_NO:
        options = yes_no_options()
        seats = 1
        if rule not in BallotBox.Rule.values:
            raise ValidationError(_("Choose a majority rule."), code="rule")
    else:
        rule = ""
    opts = [{"key": str(o["key"]), "label": str(o["label"])} for o in options]
    keys = [o["key"] for o in opts]
    if len(set(keys)) != len(keys) or not all(keys) or len(opts) < 2:
        raise ValidationError(_("A ballot needs at least two options, each named once."),
                              code="options")
    if seats < 1 or seats > len(opts) or (
            method == BallotBox.Method.ABSOLUTE_MAJORITY and seats != 1):
        raise ValidationError(_("The number of seats does not fit the options or the "
                                "method."), code="seats")
    voters = sorted(set(electorate))
    if not voters:
        raise ValidationError(_("Nobody may vote in this ballot: its electorate is empty."),
                              code="electorate")
    box = BallotBox(unit=unit, label=label, method=method, kind=KIND_OF_METHOD[method],
                    options=opts, seats=seats, rule=rule, electorate=voters,
                    closes_at=closes_at, max_marks=_max_marks(method, seats, len(opts)),
                    motion=motion)
    with transaction.atomic():
        box.full_clean()
        box.save()
        record(actor=acting_user, action="create", obj=box)
    return box


def voter_key_in(box: BallotBox, user: Any) -> str | None:
    """The key ``user`` votes as in ``box``, or None when they are not in its electorate
    (a user holding two keys of one electorate votes once, as the first of them)."""
    keys = sorted(voter_keys_for(user) & set(box.electorate))
    return keys[0] if keys else None


def check_open(box: BallotBox) -> None:
    if not box.is_open or (box.closes_at is not None and timezone.now() >= box.closes_at):
        raise ValidationError(_("This ballot is closed: no more votes are taken."),
                              code="closed")


def do_cast_ballot(*, acting_user: Any, box: BallotBox, marks: Sequence[str]) -> VoterMark:
    """Cast ``acting_user``'s ballot. The voter key comes from the user, never from the
    caller. A user outside the electorate, a second ballot, a closed box or marks the box
    does not allow are refused with nothing saved."""
    key = voter_key_in(box, acting_user)
    if key is None:
        raise ValidationError(_("You are not among the voters of this ballot."),
                              code="not_a_voter")
    cleaned = clean_marks(box, marks)
    # A delegate may vote in a congress's box without a role on its unit: the electorate is
    # the rule here, so the box is locked and the two rows written past the database wall
    # (the voter reads nothing through it but whether they voted).
    with dbwall.system_scope(), transaction.atomic():
        locked = BallotBox.objects.select_for_update().get(pk=box.pk)
        check_open(locked)
        if VoterMark.objects.filter(box=locked, voter_key=key).exists():
            raise ValidationError(_("You have already voted in this ballot."), code="twice")
        mark = VoterMark(box=locked, voter_key=key)
        try:
            with transaction.atomic():
                mark.save()
        except IntegrityError:
            raise ValidationError(_("You have already voted in this ballot."),
                                  code="twice") from None
        Ballot.objects.create(box=locked, marks=cleaned)
        # The one audit row of a vote: who voted in which box, no marks, no ballot.
        record(actor=acting_user, action="create", obj=mark)
    return mark


def turnout(box: BallotBox) -> int:
    return box.voter_marks.count() + box.paper_voters


def do_close_box(*, acting_user: Any, box: BallotBox) -> BallotBox:
    """Close the box and rewrite its ballots (see the module docstring). What the box
    decides is read from its ballots afterwards (``ballots/results.py``); a motion's box
    decides the motion here, in the same transaction (``ballots/motions.py``)."""
    require_right(acting_user, box.unit, "change")
    with transaction.atomic():
        locked = BallotBox.objects.select_for_update().get(pk=box.pk)
        if not locked.is_open:
            raise ValidationError(_("This ballot is already closed."), code="closed")
        before = snapshot(locked)
        locked.status = BallotBox.Status.CLOSED
        locked.closed_at = timezone.now()
        locked.save()
        _reshuffle(locked)
        record(actor=acting_user, action="update", obj=locked, before=before)
        if locked.motion_id is not None:
            from ballots.motions import decide_from_box  # it opens boxes through this module

            decide_from_box(acting_user=acting_user, box=locked, ballots=ballots_of(locked))
    return locked


def _reshuffle(box: BallotBox) -> None:
    """Every ballot of the box deleted and written again, in a random order, with fresh
    keys and uids, in the caller's transaction. On SQLite ``secure_delete`` makes the
    deleted rows' bytes zeros instead of leaving them in free pages."""
    marks = [list(m) for m in Ballot.objects.filter(box=box).values_list("marks", flat=True)]
    random.SystemRandom().shuffle(marks)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")
    Ballot.objects.filter(box=box).delete()
    for ballot in marks:
        # One by one, each with a fresh random key: the table's order is the draw's.
        Ballot.objects.create(id=random_key(), box=box, marks=ballot)
