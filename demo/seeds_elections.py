"""What 001 says of WPI's leadership elections: the Central Committee's election of a leader
after the founder's death (two self-nominations, the one chosen) and the 4th Congress (one
stood down in favour of the other, the only candidate, appointed automatically)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from demo.seed_text import SeedError, clean, require


@dataclass(frozen=True)
class LeaderElections:
    year: int                          # of the Central Committee's election
    self_nominated: tuple[str, ...]    # full names, in the seed's order
    chosen: str
    stood_down: str                    # at the 4th Congress, in favour of ...
    sole_candidate: str


def _full_name(text: str, surname: str, source: str) -> str:
    match = require(re.search(rf"\b([A-Z][a-z]+) {surname}\b", text), source,
                    f"the full name of {surname}")
    return f"{match.group(1)} {surname}"


def parse_leader_elections(text: str, source: str = "001") -> LeaderElections:
    text = clean(text)
    death = require(re.search(r"After the death of [A-Z][\w ]+? in (\d{4})", text), source,
                    "the year of the founder's death")
    vote = require(re.search(
        r"(\w+) and (\w+) nominated themselves and ([A-Z]\w+ \w+) was chosen", text), source,
        "the self-nominations and who was chosen")
    congress = require(re.search(
        r"4th Congress.*?(\w+) did not nominate himself.*?in favor of ([A-Z]\w+ \w+) who, "
        r"as the only candidate, was then appointed automatically", text), source,
        "the 4th Congress's sole candidate")
    names = tuple(_full_name(text, surname, source) for surname in vote.group(1, 2))
    stood_down = _full_name(text, congress.group(1), source)
    if vote.group(3) not in names:
        raise SeedError(f"{source}: the one chosen is not among the self-nominated")
    return LeaderElections(year=int(death.group(1)), self_nominated=names,
                           chosen=vote.group(3), stood_down=stood_down,
                           sole_candidate=congress.group(2))
