"""Counting ballots: pure functions, no Django (the results pages and ``elections`` call them).

A ballot is a sequence of option keys: one key for a yes/no vote ("for", "against",
"abstain"), the keys marked for a choice, the keys in order of preference for a ranking; an
empty ballot is a blank one (counted, never for anyone).

Majority rules for motions are ``organs/rules.py``'s (pure too), so that a secret ballot
adopts exactly what an open vote with the same counts would:

* ``simple``: more for than against; abstentions do not count.
* ``absolute``: more for than half of the organ's voting members (3 of 5, 4 of 6).
* ``two_thirds``: for at least two thirds of the votes cast for or against (abstentions are
  not cast): 6 of 9 passes, 5 of 9 does not; nothing cast adopts nothing.

Ties are never broken silently: plurality and approval name the options tied for the last
seat and elect only those above them; the absolute-majority method sends every option tied
at the boundary into the runoff. The single transferable vote is counted by ``pyrcv``
(fractional transfers, Droop quota ``floor(votes / (seats + 1)) + 1``); it draws lots between
options tied for last place with NumPy's global generator, so the count is seeded (from the
box, by the caller) for a reproducible result and the generator's state is restored after;
such a round says ``by_lot``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from organs import rules

FOR, AGAINST, ABSTAIN = "for", "against", "abstain"
YES_NO_KEYS = (FOR, AGAINST, ABSTAIN)

SIMPLE, ABSOLUTE, TWO_THIRDS = rules.SIMPLE, rules.ABSOLUTE, rules.TWO_THIRDS
RULES = rules.MAJORITY_RULES

Ballots = Iterable[Sequence[str]]


@dataclass(frozen=True)
class YesNoCount:
    for_votes: int
    against: int
    abstain: int
    blank: int
    rule: str
    # The fewest votes for that adopt the motion under the rule, given the votes against.
    required: int
    adopted: bool


def count_yes_no(ballots: Ballots, rule: str, voting_members: int) -> YesNoCount:
    tally: Counter[str] = Counter()
    for ballot in ballots:
        tally[ballot[0] if ballot else ""] += 1
    return YesNoCount(
        for_votes=tally[FOR], against=tally[AGAINST], abstain=tally[ABSTAIN], blank=tally[""],
        rule=rule, required=rules.votes_needed(rule, against=tally[AGAINST],
                                               members=voting_members),
        adopted=rules.adopted(rule, votes_for=tally[FOR], against=tally[AGAINST],
                              abstain=tally[ABSTAIN], members=voting_members))


@dataclass(frozen=True)
class ChoiceCount:
    """Marks per option (most first, then in the options' order), who is elected, and the
    options tied for the last seat(s) that no count can decide (the organ decides)."""

    counts: list[tuple[str, int]]
    elected: list[str]
    tied: list[str]
    ballots: int
    blank: int


def _tally(ballots: Ballots, options: Sequence[str]) -> tuple[list[tuple[str, int]], int, int]:
    tally: Counter[str] = Counter(dict.fromkeys(options, 0))
    total = blank = 0
    for ballot in ballots:
        total += 1
        if not ballot:
            blank += 1
        tally.update(set(ballot))
    order = {key: i for i, key in enumerate(options)}
    ranked = sorted(tally.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order)), kv[0]))
    return ranked, total, blank


def _top(ranked: list[tuple[str, int]], seats: int) -> tuple[list[str], list[str]]:
    """The options sure of a seat, and those tied at the boundary."""
    if len(ranked) <= seats:
        return [key for key, _ in ranked], []
    boundary = ranked[seats - 1][1]
    if ranked[seats][1] != boundary:
        return [key for key, _ in ranked[:seats]], []
    return ([key for key, n in ranked if n > boundary],
            [key for key, n in ranked if n == boundary])


def plurality(ballots: Ballots, seats: int, options: Sequence[str] = ()) -> ChoiceCount:
    """Each ballot marks up to ``seats`` options; the ``seats`` most marked are elected."""
    ranked, total, blank = _tally(ballots, options)
    elected, tied = _top(ranked, seats)
    return ChoiceCount(counts=ranked, elected=elected, tied=tied, ballots=total, blank=blank)


def approval(ballots: Ballots, seats: int, options: Sequence[str] = ()) -> ChoiceCount:
    """Each ballot marks every option it approves of; the ``seats`` most approved win."""
    return plurality(ballots, seats, options)


@dataclass(frozen=True)
class MajorityCount:
    """A single seat: the winner with more than half of the valid ballots, or else the
    options that go to a runoff (the two strongest, and every option tied with the second)."""

    counts: list[tuple[str, int]]
    winner: str | None
    runoff: list[str]
    valid: int
    blank: int


def absolute_majority(ballots: Ballots, options: Sequence[str] = ()) -> MajorityCount:
    # A ranked ballot counts for its first preference; a choice ballot holds one mark.
    firsts = [ballot[:1] for ballot in ballots]
    ranked, total, blank = _tally(firsts, options)
    valid = total - blank
    if ranked and valid and ranked[0][1] * 2 > valid:
        return MajorityCount(counts=ranked, winner=ranked[0][0], runoff=[], valid=valid,
                             blank=blank)
    sure, tied = _top(ranked, 2)
    return MajorityCount(counts=ranked, winner=None, runoff=sure + tied, valid=valid,
                         blank=blank)


@dataclass(frozen=True)
class StvRound:
    counts: list[tuple[str, float]]
    exhausted: float
    elected: list[str]
    eliminated: list[str]
    # {from option: {to option ("" = exhausted): votes}}
    transfers: dict[str, dict[str, float]]
    # The option eliminated was tied for last place with another: drawn by lot.
    by_lot: bool = False


@dataclass(frozen=True)
class StvCount:
    quota: int
    elected: list[str]
    rounds: list[StvRound] = field(default_factory=list)
    ballots: int = 0
    blank: int = 0


def droop_quota(votes: int, seats: int) -> int:
    """pyrcv's ADD_ONE_FLOOR threshold: floor(votes / (seats + 1)) + 1."""
    return votes // (seats + 1) + 1


def stv(ballots: Ballots, seats: int, options: Sequence[str], *, seed: int = 0) -> StvCount:
    """The single transferable vote for ``seats`` seats among ``options`` (ranked ballots)."""
    all_ballots = [list(b) for b in ballots]
    ranked = [b for b in all_ballots if b]
    blank = len(all_ballots) - len(ranked)
    if not ranked:
        return StvCount(quota=0, elected=[], ballots=len(all_ballots), blank=blank)
    if seats >= len(options):  # no contest: pyrcv would elect them all in one round anyway
        return StvCount(quota=droop_quota(len(ranked), seats), elected=list(options),
                        ballots=len(all_ballots), blank=blank)
    rounds = _run_pyrcv(ranked, seats, list(options), seed)
    elected = [key for r in rounds for key in r.elected]
    return StvCount(quota=droop_quota(len(ranked), seats), elected=elected, rounds=rounds,
                    ballots=len(all_ballots), blank=blank)


def _run_pyrcv(ranked: list[list[str]], seats: int, options: list[str],
               seed: int) -> list[StvRound]:
    # Imported here: pyrcv brings pandas and plotly, which no other page needs.
    import numpy as np
    from pyrcv import RaceData, RaceMetadata, RoundMode, run_rcv

    index = {key: i + 1 for i, key in enumerate(options)}  # pyrcv keeps 0 for "exhausted"
    grouped = Counter(tuple(index[key] for key in ballot) for ballot in ranked)
    data = RaceData(RaceMetadata("ballot", seats, options),
                    [list(b) for b in grouped], list(grouped.values()))
    state = np.random.get_state()
    np.random.seed(seed % 2**32)
    try:
        result = run_rcv(data, RoundMode.ADD_ONE_FLOOR)
    finally:
        np.random.set_state(state)
    return _rounds(result.rounds, options)


def _rounds(raw: list, options: list[str]) -> list[StvRound]:  # type: ignore[type-arg]
    def key(i: int) -> str:
        return options[int(i) - 1] if int(i) else ""

    out: list[StvRound] = []
    done: set[int] = set()  # elected or eliminated before this round
    for r in raw:
        counts = [(options[i - 1], float(r.count[i])) for i in range(1, len(options) + 1)]
        by_lot = False
        for gone in r.eliminated:
            rivals = [i for i in range(1, len(options) + 1) if i not in done and i != gone]
            by_lot = by_lot or any(r.count[i] == r.count[gone] for i in rivals)
        out.append(StvRound(
            counts=counts, exhausted=float(r.count[0]),
            elected=[key(i) for i in r.elected], eliminated=[key(i) for i in r.eliminated],
            transfers={key(src): {key(dst): float(v) for dst, v in to.items()}
                       for src, to in r.transfers.items()},
            by_lot=by_lot))
        done.update(int(i) for i in (*r.elected, *r.eliminated))
    return out
