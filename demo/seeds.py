"""Parsers for the five public seed texts the demo is built from (``settings.NUCLEUS_SEEDS_DIR``).

Each parser is a plain function over the text of one file. When the structure it relies on is
missing, it raises :class:`SeedError` naming the file, never returns an empty result.

    000  Communist Party of Iran (Marxist–Leninist–Maoist), encyclopedia article
    001  Worker-communist Party of Iran, encyclopedia article with an infobox
    002  Russian Maoist Party: resolution regarding MIM, with three circles of allies
    003  ICOR resolution on solidarity with the uprising in Iran, with its signatories
    004  CIPOML document on party work, followed by the list of its member parties
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

# The line parser is the app's (pasted signatory lists); the demo reads 003 with it.
from coalitions.signatories import ListError, parse_signatory_line
from coalitions.signatories import SignatoryLine as Signatory
from demo.seed_text import (
    COUNTRY_WORDS,
    OrgRef,
    PublicationSeed,
    SeedError,
    acronym_like,
    clean,
    country_in,
    require,
    seed_date,
    split_outside_brackets,
    trailing_parenthesis,
)
from demo.seeds_wpi import Wpi, parse_wpi

# --- 003: the ICOR resolution -------------------------------------------------------------

@dataclass(frozen=True)
class IcorResolution:
    title: str
    approvals: int
    starts_on: date
    as_of: date
    signatories: tuple[Signatory, ...]
    later_signatories: tuple[Signatory, ...]


def _signatory(number: int | None, line: str, source: str) -> Signatory:
    try:
        return parse_signatory_line(number, line, later=number is None)
    except ListError as error:
        raise SeedError(f"{source}: {error}") from error


def parse_icor_resolution(text: str, source: str = "003") -> IcorResolution:
    title = require(re.search(r"^ICOR Resolution\s*\n\s*\n?\s*(\S.+)$", text, re.M),
                  source, "the resolution title after 'ICOR Resolution'").group(1)
    approvals = require(re.search(r"reached (\d+) approvals", text), source,
                      "the number of approvals ('reached N approvals')")
    starts = require(re.search(r"will be started from (\w+ \d{1,2}, \d{4})", text), source,
                   "the start date ('will be started from Month D, YYYY')")
    as_of = require(re.search(r"Signatories \(as of (\d{1,2} \w+ \d{4})[^)]*\):", text), source,
                  "the signatory list ('Signatories (as of D Month YYYY ...):')")
    later = require(re.search(r"^Subsequent signatories:\s*$", text[as_of.end():], re.M), source,
                  "the 'Subsequent signatories:' heading")
    listing = text[as_of.end():as_of.end() + later.start()]
    signatories = tuple(
        _signatory(int(m.group(1)), m.group(2), source)
        for m in re.finditer(r"^\s*(\d+)\.\s+(\S.*)$", listing, re.M))
    if not signatories:
        raise SeedError(f"{source}: the signatory list is empty")
    numbers = [s.number for s in signatories]
    if numbers != list(range(1, len(numbers) + 1)):
        raise SeedError(f"{source}: signatories are not numbered 1..{len(numbers)}: {numbers}")
    rest = text[as_of.end() + later.end():]
    later_signatories = tuple(_signatory(None, line, source)
                              for line in rest.splitlines() if line.strip())
    if not later_signatories:
        raise SeedError(f"{source}: no signatory after 'Subsequent signatories:'")
    return IcorResolution(
        title=clean(title), approvals=int(approvals.group(1)),
        starts_on=seed_date(starts.group(1), "%B %d, %Y", source),
        as_of=seed_date(as_of.group(1), "%d %B %Y", source),
        signatories=signatories, later_signatories=later_signatories)


# --- 004: CIPOML and its member parties ---------------------------------------------------

@dataclass(frozen=True)
class CipomlParty:
    title: str  # the line as listed
    name: str
    acronym: str
    country: str
    founded_year: int | None
    summary: str


@dataclass(frozen=True)
class Cipoml:
    name: str
    acronym: str
    founded_year: int
    document_title: str
    parties: tuple[CipomlParty, ...]
    skipped: tuple[str, ...]  # listed items that are news, not parties


def _comparable(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return clean(re.sub(r"[-–]", " ", text)).lower()


_FOUNDED_RE = re.compile(r"\b(?:founded|formed|established|born|created)\b[^.]*?\b(\d{4})\b",
                         re.I)


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])", text, maxsplit=1)[0]


def _founded_year(summary: str) -> int | None:
    match = _FOUNDED_RE.search(_first_sentence(summary))
    return int(match.group(1)) if match else None


def _cipoml_party(title: str, summary: str) -> CipomlParty | None:
    """Read one listed item; None when the item is not a party (a news item)."""
    name, country, acronym = clean(title), "", ""
    if "," in name:
        head, tail = name.rsplit(",", 1)
        if tail.strip() in COUNTRY_WORDS:
            name, country = head.strip(), COUNTRY_WORDS[tail.strip()]
    dash = re.search(r"\s[–-]\s(\S+)$", name)
    if dash and acronym_like(dash.group(1)):
        name, acronym = name[:dash.start()], dash.group(1)
    split = trailing_parenthesis(name)
    if split and re.fullmatch(r"[A-Z]{2,}", split[1]):
        name, acronym = split
    name = re.sub(r"^The\s+", "", name.strip("“”\" "))
    core = re.split(r"\s[–-]\s|\s\(", name)[0]
    mentioned = _comparable(core) in _comparable(summary) or (
        acronym and re.search(rf"\b{re.escape(acronym)}\b", summary))
    if not mentioned:
        return None
    if not acronym:
        stated = re.search(re.escape(name) + r"\s*\(([A-Z]{2,})\)", summary)
        acronym = stated.group(1) if stated else ""
    return CipomlParty(title=clean(title), name=name, acronym=acronym,
                       country=country or country_in(name), founded_year=_founded_year(summary),
                       summary=clean(summary))


def parse_cipoml(text: str, source: str = "004") -> Cipoml:
    full = require(re.search(r"The (International Conference of [^,]+), CIPOML", text), source,
                 "CIPOML's full name ('The International Conference of ..., CIPOML')")
    founded = require(re.search(r"CIPOML, founded in (\d{4})", text), source,
                    "CIPOML's founding year ('CIPOML, founded in YYYY')")
    footnotes = list(re.finditer(r"^\[\d+\].*$", text, re.M))
    if not footnotes:
        raise SeedError(f"{source}: expected footnotes ('[1] ...') before the member list")
    paragraphs = [clean(p) for p in re.split(r"\n\s*\n", text[footnotes[-1].end():])
                  if clean(p)]
    if not paragraphs or len(paragraphs) % 2:
        raise SeedError(f"{source}: expected the member list as pairs of title and summary "
                        f"after the footnotes, found {len(paragraphs)} paragraphs")
    parties, skipped = [], []
    for title, summary in zip(paragraphs[::2], paragraphs[1::2], strict=True):
        if not (summary.endswith("...") or summary.endswith("Web site")):
            raise SeedError(f"{source}: the item {title!r} is not followed by a summary")
        party = _cipoml_party(title, summary)
        if party is None:
            skipped.append(title)
        else:
            parties.append(party)
    if not parties:
        raise SeedError(f"{source}: no member party found after the footnotes")
    return Cipoml(name=clean(full.group(1)), acronym="CIPOML",
                  founded_year=int(founded.group(1)),
                  document_title=clean(text.strip().splitlines()[0]),
                  parties=tuple(parties), skipped=tuple(skipped))


# --- 000: the Communist Party of Iran (Marxist–Leninist–Maoist) ---------------------------

@dataclass(frozen=True)
class CpiMlm:
    name: str
    acronym: str
    founded_year: int
    country: str
    banned: bool
    website: str
    publications: tuple[PublicationSeed, ...]
    continuation_of: str
    continuation_note: str
    movement: OrgRef  # the Revolutionary Internationalist Movement
    movement_partners: tuple[OrgRef, ...]
    ideology: tuple[str, ...]
    description: str


def _gloss(text: str) -> str:
    """The meaning given for a Persian title: "Persian for 'Truth'", "translation of "X"."""
    match = re.search(r"for '(.+?)'|translation of .*?\"(.+?)\"", text)
    return (match.group(1) or match.group(2)) if match else ""


def _translation(text: str) -> tuple[str, str]:
    """'a Persian translation of the RIM publication "A world to win"': the original's
    title and publisher."""
    match = re.search(r"translation of the (\w+) publication \"(.+?)\"", text)
    return (match.group(2), match.group(1)) if match else ("", "")


def parse_cpi_mlm(text: str, source: str = "000") -> CpiMlm:
    lead = require(re.search(r"^The (.+?) \(\) is (.+?)\.", text, re.M), source,
                 "the lead sentence ('The Name () is ...')")
    name = lead.group(1)
    acronym = require(re.search(r"\b([A-Z]{2,} \([A-Z]{2,}\))", text), source,
                    "the acronym ('CPI (MLM)')").group(1)
    founded = require(re.search(r"officially founded in (\d{4})", text), source,
                    "the founding year ('officially founded in YYYY')")
    country = require(re.search(r"^Communist parties in (\w+)$", text, re.M), source,
                    "the category 'Communist parties in ...'").group(1)
    links = require(re.search(r"^External links\s*\n\s*(https?://\S+)", text, re.M), source,
                  "the website under 'External links'")
    magazines = require(re.search(r"magazines such as (.+?\))\.", text), source,
                      "the magazines ('magazines such as ...')")
    publications = tuple(
        PublicationSeed(title=m.group(1), native_title=m.group(2), kind="magazine",
                        languages=("fa",), note=clean(m.group(3)), meaning=_gloss(m.group(3)),
                        translation_of=_translation(m.group(3))[0],
                        translation_publisher=_translation(m.group(3))[1])
        for m in re.finditer(r"([A-Z][\w ]+?) \(([\u0600-\u06FF ]+), ([^)]+)\)",
                             magazines.group(1)))
    if len(publications) < 2:
        raise SeedError(f"{source}: expected the magazines with their Persian titles")
    continuation = require(re.search(r"is continuation of (.+?) and was officially founded", text),
                         source, "the predecessor ('is continuation of ...')").group(1)
    predecessor = re.split(r" and the ", continuation)[-1]
    movement = require(re.search(r"known as the ([A-Z][\w ]+?) \(([A-Z]{2,})\)", text), source,
                     "the movement ('known as the ... (ACR)')")
    partners = require(re.search(rf"participates in the {movement.group(2)}\s+with (.+?) and the "
                               rf"two organizations", text), source,
                     "the other movement member ('participates in the RIM with ...')")
    return CpiMlm(
        name=name, acronym=acronym, founded_year=int(founded.group(1)), country=country,
        banned=bool(re.search(r"^Banned (?:communist|political) parties", text, re.M)),
        website=links.group(1), publications=publications, continuation_of=predecessor,
        continuation_note=f"Continuation of the {continuation}.",
        movement=OrgRef(name=movement.group(1), acronym=movement.group(2)),
        movement_partners=tuple(OrgRef(name=p, country=country_in(p))
                                for p in split_outside_brackets(partners.group(1))),
        ideology=tuple(t for t, pattern in [("Maoism", r"^Maoist parties$")]
                       if re.search(pattern, text, re.M)),
        description=clean(f"{name}: {lead.group(2)}."))


# --- 002: the Russian Maoist Party's circles of allies ------------------------------------

@dataclass(frozen=True)
class AllyCircle:
    number: int  # 1 is the furthest, 3 the nearest
    criteria: str
    organizations: tuple[OrgRef, ...]
    remark: str  # the sentence naming the organizations


@dataclass(frozen=True)
class RmpResolution:
    title: str
    author: OrgRef
    circles: tuple[AllyCircle, ...]


def _ally(text: str, whole: str) -> OrgRef:
    name, country, native, acronym = clean(re.sub(r"^the ", "", text)), "", "", ""
    split = trailing_parenthesis(name)
    if split and split[1] in COUNTRY_WORDS:
        name, country = split[0], COUNTRY_WORDS[split[1]]
    split = trailing_parenthesis(name)
    if split:
        code = re.match(r"([A-Z]{2,})\b", split[1])
        if code:
            name, acronym = split[0], code.group(1)
            native = split[1] if split[1] != acronym else ""
    words = name.split()
    if len(words) <= 2 and any(acronym_like(w) for w in words):
        acronym = next(w for w in words if acronym_like(w) and w not in COUNTRY_WORDS)
        country = country or country_in(name)
        expanded = re.search(rf"the ((?:[A-Z][\w-]*\s)+)\({re.escape(name)}\)", whole)
        if expanded:
            name = clean(expanded.group(1))
    return OrgRef(name=name, acronym=acronym, native_name=native,
                  country=country or country_in(name))


def parse_rmp_resolution(text: str, source: str = "002") -> RmpResolution:
    title = clean(require(re.search(r"^(Resolution Regarding .+)$", text, re.M), source,
                        "the title ('Resolution Regarding ...')").group(1))
    author = require(re.search(r"^([A-Z][\w ]+?) \(([A-Z]{2,})\)\s*$", text, re.M), source,
                   "the signature ('Russian Maoist Party (RMP)')")
    intro = require(re.search(r"sees three .circles. of foreign allies[^\n]*\n", text), source,
                  "the circles of allies ('sees three circles of foreign allies')")
    body = text[intro.end():author.start()]
    circles = []
    for m in re.finditer(r"^\s*([1-9])\.\s+(.+)$", body, re.M):
        sentences = re.split(r"(?<=[.)])\s+(?=[A-Z])", clean(m.group(2)))
        naming = next((s for s in sentences if "into this category" in s), None)
        if naming is None:
            raise SeedError(f"{source}: circle {m.group(1)} names no organizations "
                            f"('into this category ...')")
        listing = re.search(r"into this category (.+?)(?:, with which .*)?\.$", naming)
        assert listing is not None, naming  # the sentence was chosen for "into this category"
        listed = listing.group(1)
        orgs = tuple(_ally(part, text) for part in split_outside_brackets(listed)
                     if part[:1].isupper() or part.startswith("the "))
        circles.append(AllyCircle(
            number=int(m.group(1)), organizations=orgs, remark=naming,
            criteria=" ".join(s for s in sentences if s is not naming)))
    if [c.number for c in circles] != [1, 2, 3]:
        raise SeedError(f"{source}: expected circles 1, 2 and 3, found "
                        f"{[c.number for c in circles]}")
    author_name = clean(author.group(1))
    return RmpResolution(title=title, circles=tuple(circles), author=OrgRef(
        name=author_name, acronym=author.group(2), country=country_in(author_name)))


# --- all five -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Seeds:
    cpi_mlm: CpiMlm
    wpi: Wpi
    rmp: RmpResolution
    icor: IcorResolution
    cipoml: Cipoml


def read_seed(directory: Path, prefix: str) -> tuple[str, str]:
    """(file name, text) of the one seed file named ``<prefix>_*.txt``."""
    directory = Path(directory)
    if not directory.is_dir():
        raise SeedError(f"the seeds directory {directory} does not exist")
    matches = sorted(directory.glob(f"{prefix}_*.txt"))
    if len(matches) != 1:
        raise SeedError(f"expected exactly one file {prefix}_*.txt in {directory}, "
                        f"found {len(matches)}")
    return matches[0].name, matches[0].read_text(encoding="utf-8")


def load_seeds(directory: Path) -> Seeds:
    # Each parser returns its own seed type, one per field of Seeds.
    parsed: dict[str, Any] = {}
    for key, prefix, parser in [("cpi_mlm", "000", parse_cpi_mlm), ("wpi", "001", parse_wpi),
                                ("rmp", "002", parse_rmp_resolution),
                                ("icor", "003", parse_icor_resolution),
                                ("cipoml", "004", parse_cipoml)]:
        name, text = read_seed(directory, prefix)
        parsed[key] = parser(text, source=name)
    return Seeds(**parsed)
