"""What the demo's circles of allies and lineage events read from the seeds, beyond
demo/seeds.py: the criteria of 002's circles as separate items, the last date 002 speaks of,
and the splits 004's directory tells of CIPOML's parties. A parse error names the file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from demo.seed_text import SeedError, clean, seed_date
from demo.seeds import AllyCircle, Cipoml

# --- 002: the criteria of each circle -----------------------------------------------------

# A criterion's clauses: "Groups that A, which B and are not C." is three conditions.
_CLAUSE_RE = re.compile(r",\s+which\s+|\s+and\s+(?=(?:are|have|remain|recognize)\b)")
_SENTENCE_RE = re.compile(r"(?<=[.)])\s+(?=[A-Z])")
_SUBJECT = "Groups that "


@dataclass(frozen=True)
class CircleCriteria:
    number: int
    criteria: tuple[str, ...]  # each "Groups that ...", one condition each
    remark: str  # what the circle's text says besides its criteria
    by_decision: bool  # "by a special decision of our party"


def circle_criteria(circle: AllyCircle, source: str = "002") -> CircleCriteria:
    criteria: list[str] = []
    remarks: list[str] = []
    for sentence in _SENTENCE_RE.split(clean(circle.criteria)):
        if not sentence.startswith(_SUBJECT):
            remarks.append(sentence)
            continue
        body = sentence.removeprefix(_SUBJECT).rstrip(".")
        criteria.extend(_SUBJECT + clean(part) for part in _CLAUSE_RE.split(body)
                        if clean(part))
    if not criteria:
        raise SeedError(f"{source}: circle {circle.number} states no criterion "
                        f"('Groups that ...')")
    return CircleCriteria(number=circle.number, criteria=tuple(criteria),
                          remark=" ".join(remarks),
                          by_decision="special decision" in circle.criteria)


_US_DATE_RE = re.compile(r"\b((?:January|February|March|April|May|June|July|August|"
                         r"September|October|November|December) \d{1,2}, \d{4})\b")


def latest_date(text: str, source: str = "002") -> date:
    """The latest date the text speaks of ("April 30, 2006"): the resolution is later."""
    found = [seed_date(m.group(1), "%B %d, %Y", source) for m in _US_DATE_RE.finditer(text)]
    if not found:
        raise SeedError(f"{source}: expected a date ('April 30, 2006') in the text")
    return max(found)


# --- 004: the splits its directory gives for CIPOML's parties -----------------------------

_SPLIT_RE = re.compile(
    r"\bsplit(?:ting)?\s+(?:from|in|within|of)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][^.,;()]*?)(?:\s+\((?P<acronym>[A-Z]{2,})\))?"
    r"(?=\s+in\s+\d{4}|\s+and\b|\s*[.,;(]|$)")
_YEAR_RE = re.compile(r"\bin\s+(?:[A-Z][a-z]+\s+)?(\d{4})\b")


@dataclass(frozen=True)
class PartySplit:
    party: str  # the CIPOML party's name, as demo/seeds.py reads it
    other: str  # the party it split from
    other_acronym: str
    year: int | None


@dataclass(frozen=True)
class CipomlLineage:
    splits: tuple[PartySplit, ...]
    # Parties whose summary tells of a split without naming the other party (cut short).
    unnamed: tuple[str, ...]


def _split_year(summary: str, at: int) -> int | None:
    """The year in the sentence of the split, else the first year of the summary."""
    start = summary.rfind(". ", 0, at) + 1
    end = summary.find(". ", at)
    sentence = summary[start:end if end != -1 else len(summary)]
    found = _YEAR_RE.search(sentence) or _YEAR_RE.search(summary)
    return int(found.group(1)) if found else None


def cipoml_lineage(cipoml: Cipoml) -> CipomlLineage:
    splits: list[PartySplit] = []
    unnamed: list[str] = []
    for party in cipoml.parties:
        if not re.search(r"\bsplit", party.summary):
            continue
        found = _SPLIT_RE.search(party.summary)
        if found is None:
            unnamed.append(party.name)
            continue
        splits.append(PartySplit(party=party.name, other=clean(found.group("name")),
                                 other_acronym=found.group("acronym") or "",
                                 year=_split_year(party.summary, found.start())))
    return CipomlLineage(splits=tuple(splits), unnamed=tuple(unnamed))


# --- 001: what the 2004 split took from each organ ----------------------------------------

_SHARE_RE = re.compile(r"\b((?:more than |less than |about |nearly )?(?:half|most|all|a third|"
                       r"two thirds)) of (?:the )?(?:members of )?(?:the )?"
                       r"([A-Z][\w-]*(?: [A-Z][\w-]*)* Committee)")


def split_shares(note: str, source: str = "001") -> tuple[tuple[str, str], ...]:
    """(share in words, organ) of "more than half of the members of Central Committee and
    most of the Kurdistan Committee": what the seed says, never a number it does not give."""
    shares = tuple((m.group(1), m.group(2)) for m in _SHARE_RE.finditer(note))
    if not shares:
        raise SeedError(f"{source}: the split names no share of an organ "
                        f"('more than half of the Central Committee')")
    return shares
