"""Quorum and majority rules of an organ: pure functions, no Django (ballots' counting uses
them for motions voted by secret ballot).

Who counts: ``members`` is the number of the organ's *voting* members (persons of kind member
with status member; candidates have a voice, no vote). ``present`` is how many of them are
present.

Quorum (checked before a motion can be adopted at a meeting):

* ``half``: more than half of the voting members are present (3 of 5, 3 of 4, 2 of 3).
* ``two_thirds``: at least two thirds of them are present (6 of 9, 4 of 5).

Majority (whether a motion is adopted):

* ``simple``: more votes for than against (abstentions count for neither side; a tie fails).
* ``absolute``: more votes for than half of the organ's voting members, whoever voted
  (3 of 5 passes, 2 of 5 does not; 3 of 6 does not, 4 of 6 does).
* ``two_thirds``: at least two thirds of the votes cast are for; votes cast are for and
  against, abstentions are not cast (6 of 9 passes, 5 of 9 does not; nothing cast fails).

Every rule needs at least one vote for.
"""

from __future__ import annotations

SIMPLE = "simple"
ABSOLUTE = "absolute"
TWO_THIRDS = "two_thirds"
MAJORITY_RULES = (SIMPLE, ABSOLUTE, TWO_THIRDS)

QUORUM_HALF = "half"
QUORUM_TWO_THIRDS = "two_thirds"
QUORUM_RULES = (QUORUM_HALF, QUORUM_TWO_THIRDS)


def _known(rule: str, rules: tuple[str, ...]) -> None:
    if rule not in rules:
        raise ValueError(f"unknown rule {rule!r}")


def quorum_needed(rule: str, members: int) -> int:
    """How many voting members must be present: never fewer than one (an organ without
    voting members cannot decide)."""
    _known(rule, QUORUM_RULES)
    if members < 0:
        raise ValueError("a negative number of members")
    if rule == QUORUM_HALF:
        return members // 2 + 1
    return max(1, -(-2 * members // 3))


def quorum_reached(rule: str, *, members: int, present: int) -> bool:
    return present >= quorum_needed(rule, members)


def votes_needed(rule: str, *, against: int, members: int) -> int:
    """The fewest votes for that adopt the motion, given the votes against (what a page says
    next to the count: "needed 4")."""
    _known(rule, MAJORITY_RULES)
    if rule == SIMPLE:
        return against + 1
    if rule == ABSOLUTE:
        return members // 2 + 1
    # for >= 2/3 (for + against)  <=>  for >= 2 * against
    return max(1, 2 * against)


def adopted(rule: str, *, votes_for: int, against: int, abstain: int = 0,
            members: int = 0) -> bool:
    """Whether a motion with these counts is adopted under ``rule`` (see the module)."""
    _known(rule, MAJORITY_RULES)
    if min(votes_for, against, abstain, members) < 0:
        raise ValueError("a negative count")
    if votes_for < 1:
        return False
    if rule == SIMPLE:
        return votes_for > against
    if rule == ABSOLUTE:
        return 2 * votes_for > members
    return 3 * votes_for >= 2 * (votes_for + against)
