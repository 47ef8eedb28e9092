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
        # A motion's absolute majority is of the organ's voting members when it was decided
        # (organs keeps them on the motion); a plain box's, of its electorate.
        members = getattr(box.motion, "voting_members", None) or len(box.electorate)
        count = counting.count_yes_no(ballots, box.rule, members)
    elif method == BallotBox.Method.PLURALITY:
        count = counting.plurality(ballots, box.seats, options)
    elif method == BallotBox.Method.APPROVAL:
        count = counting.approval(ballots, box.seats, options)
    elif method == BallotBox.Method.ABSOLUTE_MAJORITY:
        count = counting.absolute_majority(ballots, options)
    else:
        count = counting.stv(ballots, box.seats, options, seed=box.seed())
    return BoxResult(box=box, count=count, ballots=len(ballots))


@dataclass(frozen=True)
class Line:
    label: str
    votes: float
    elected: bool = False
    tied: bool = False


@dataclass(frozen=True)
class RoundView:
    number: int
    lines: list[tuple[str, float]]
    exhausted: float
    elected: list[str]
    eliminated: list[str]
    transfers: list[tuple[str, str, float]]
    by_lot: bool


def lines_of(result: BoxResult) -> list[Line]:
    """The count per option with labels, for a choice, majority or STV count."""
    labels = result.box.option_labels()
    count = result.count
    if isinstance(count, counting.ChoiceCount):
        return [Line(labels.get(k, k), n, k in count.elected, k in count.tied)
                for k, n in count.counts]
    if isinstance(count, counting.MajorityCount):
        return [Line(labels.get(k, k), n, k == count.winner, k in count.runoff)
                for k, n in count.counts]
    if isinstance(count, counting.StvCount):
        first = dict(count.rounds[0].counts) if count.rounds else {}
        return [Line(labels.get(k, k), first.get(k, 0), k in count.elected)
                for k in result.box.option_keys()]
    return []


def rounds_of(result: BoxResult) -> list[RoundView]:
    """The rounds of an STV count, with labels ("" is the exhausted ballots)."""
    if not isinstance(result.count, counting.StvCount):
        return []
    labels = result.box.option_labels()

    def name(key: str) -> str:
        return labels.get(key, key)

    return [RoundView(number=i, lines=[(name(k), v) for k, v in r.counts],
                      exhausted=r.exhausted, elected=[name(k) for k in r.elected],
                      eliminated=[name(k) for k in r.eliminated],
                      transfers=[(name(src), name(dst) if dst else "", v)
                                 for src, to in r.transfers.items() for dst, v in to.items()],
                      by_lot=r.by_lot)
            for i, r in enumerate(result.count.rounds, start=1)]
