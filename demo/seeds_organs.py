"""What the organs demo reads from the seeds: from 001 the Central Committee's vote after the
founder's death and the founding declaration's signatures, from 002 the eight numbered points
of the RMP's resolution on MIM. A text without them is a ``SeedError`` naming the file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from demo.seed_text import (
    NUMBER_WORDS,
    SeedError,
    clean,
    require,
    seed_date,
    split_outside_brackets,
)


@dataclass(frozen=True)
class WpiOrgans:
    founder_died_on: date
    # The paragraph of the debate and the Central Committee's vote, as the text tells it.
    leadership_debate: str
    cc_vote: str
    signature_count: int
    signatories: tuple[str, ...]
    founding: str  # "WPI was formed in 1991 after ..."


def parse_wpi_organs(text: str, source: str = "001") -> WpiOrgans:
    died = require(re.search(r"who died on (\w+ \d+)(?:st|nd|rd|th), (\d{4})", text), source,
                   "the founder's death ('who died on July 4th, 2002')")
    debate = require(re.search(r"^(After the death of .+?)$", text, re.M), source,
                     "the leadership debate ('After the death of ...')").group(1)
    vote = require(re.search(r"(The Central Committee subsequently voted [^.]+\.)", debate),
                   source, "the Central Committee's vote ('The Central Committee "
                   "subsequently voted ...')").group(1)
    signed = require(re.search(r"The founding declaration of the party has (\w+) signatures: "
                               r"([^.]+)\.", text), source,
                     "the founding declaration's signatures")
    count = NUMBER_WORDS.get(signed.group(1).lower())
    names = tuple(split_outside_brackets(signed.group(2)))
    if count is None or len(names) != count:
        raise SeedError(f"{source}: the founding declaration has {signed.group(1)} signatures "
                        f"but names {len(names)}")
    founding = require(re.search(r"(WPI was formed in \d{4} [^.]+\.)", text), source,
                       "the founding ('WPI was formed in ...')").group(1)
    return WpiOrgans(founder_died_on=seed_date(f"{died.group(1)} {died.group(2)}", "%B %d %Y",
                                               source),
                     leadership_debate=clean(debate), cc_vote=clean(vote),
                     signature_count=count, signatories=names, founding=clean(founding))


@dataclass(frozen=True)
class RmpPoints:
    title: str
    points: tuple[str, ...]


def parse_rmp_points(text: str, source: str = "002") -> RmpPoints:
    """The eight points; the circles of allies (numbered 1 to 3 again) belong to point 8."""
    title = clean(require(re.search(r"^(Resolution Regarding .+)$", text, re.M), source,
                          "the title ('Resolution Regarding ...')").group(1))
    signature = require(re.search(r"^Russian Maoist Party \(RMP\)\s*$", text, re.M), source,
                        "the signature ('Russian Maoist Party (RMP)')")
    body = text[:signature.start()]
    points: list[str] = []
    for m in re.finditer(r"^[ \t]*(\d)\.\s+(.+)$", body, re.M):
        if int(m.group(1)) == len(points) + 1 and len(points) < 8:
            points.append(clean(m.group(2)))
        elif len(points) == 8:  # a circle of point 8
            points[7] += f"\n{m.group(1)}. {clean(m.group(2))}"
    if len(points) != 8:
        raise SeedError(f"{source}: expected the resolution's eight points, found "
                        f"{len(points)}")
    return RmpPoints(title=title, points=tuple(points))
