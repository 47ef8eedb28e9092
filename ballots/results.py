"""The count of a closed box, by its method (``ballots/counting.py`` does the counting).

Nothing is counted while the box is open: its ballots are not shown, only the turnout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ballots import counting
from ballots.models import BallotBox


@dataclass(frozen=True)
class BoxResult:
    box: BallotBox
    # One of counting's results: YesNoCount, ChoiceCount, MajorityCount or StvCount.
    count: Any
    ballots: int


def ballots_of(box: BallotBox) -> list[list[str]]:
    return [list(m) for m in box.ballots.values_list("marks", flat=True)]


def count_box(box: BallotBox) -> BoxResult | None:
    """The count, or None while the box is open."""
    if box.is_open:
        return None
    ballots = ballots_of(box)
    options = box.option_keys()
    method = box.method
    count: Any
    if method == BallotBox.Method.YES_NO:
        count = counting.count_yes_no(ballots, box.rule, len(box.electorate))
    elif method == BallotBox.Method.PLURALITY:
        count = counting.plurality(ballots, box.seats, options)
    elif method == BallotBox.Method.APPROVAL:
        count = counting.approval(ballots, box.seats, options)
    elif method == BallotBox.Method.ABSOLUTE_MAJORITY:
        count = counting.absolute_majority(ballots, options)
    else:
        count = counting.stv(ballots, box.seats, options, seed=box.seed())
    return BoxResult(box=box, count=count, ballots=len(ballots))
