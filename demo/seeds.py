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
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any


class SeedError(Exception):
    """A seed file is missing or does not have the structure a parser expects."""


# --- small text helpers -----------------------------------------------------------------

# Words in organization names that tell the country, and the country they name.
COUNTRY_WORDS: dict[str, str] = {
    "Ivory Coast": "Côte d'Ivoire", "Côte d'Ivoire": "Côte d'Ivoire", "Kenya": "Kenya",
    "Moroccan": "Morocco", "Morocco": "Morocco", "South Africa": "South Africa",
    "Togo": "Togo", "Tunisia": "Tunisia", "Tunisian": "Tunisia", "Bangladesh": "Bangladesh",
    "India": "India", "Nepal": "Nepal", "Australia": "Australia", "Bulgarian": "Bulgaria",
    "Bosnia and Herzegovina": "Bosnia and Herzegovina", "Germany": "Germany",
    "France": "France", "Luxemburg": "Luxembourg", "Luxembourg": "Luxembourg",
    "Netherlands": "Netherlands", "Portuguese": "Portugal", "Russian": "Russia",
    "Switzerland": "Switzerland", "Turkey": "Turkey", "Ukraine": "Ukraine",
    "Colombia": "Colombia", "Paraguayan": "Paraguay", "Peru": "Peru",
    "Dominican Republic": "Dominican Republic", "Venezuela": "Venezuela", "Mexico": "Mexico",
    "Norway": "Norway", "Italy": "Italy", "Spain": "Spain", "Iran": "Iran", "Iranian": "Iran",
    "Iraq": "Iraq", "Benin": "Benin", "Ecuador": "Ecuador", "Brazil": "Brazil",
    "Serbia": "Serbia", "Albania": "Albania", "American": "United States",
    "USA": "United States", "UK": "United Kingdom", "Greece": "Greece", "Denmark": "Denmark",
    "Afghanistan": "Afghanistan", "Aotearoa": "New Zealand", "Canadian": "Canada",
    "Canada": "Canada", "Belarus": "Belarus", "Moldova": "Moldova", "Sweden": "Sweden",
    "Finland": "Finland",
}
_COUNTRY_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(COUNTRY_WORDS, key=len, reverse=True))
    + r")(?![\w-])")

LANGUAGE_WORDS = {"Persian": "fa", "Farsi": "fa", "English": "en", "German": "de",
                  "Dutch": "nl", "Kurdish": "ku", "Azeri": "az"}
_URL_RE = re.compile(r"https?://[^\s)\]]+")
NUMBER_WORDS = {"four": 4, "six": 6, "eight": 8, "ten": 10, "twelve": 12, "sixteen": 16,
                "twenty": 20, "twenty-four": 24, "thirty-two": 32}


def clean(text: str) -> str:
    """Collapse every run of whitespace (the texts use no-break spaces) to one space."""
    return re.sub(r"\s+", " ", text).strip()


def country_in(text: str) -> str:
    """The country a name points at (its first country word), or ""."""
    match = _COUNTRY_RE.search(text)
    return COUNTRY_WORDS[match.group(1)] if match else ""


def _languages(text: str) -> tuple[str, ...]:
    """Language codes in the order the text names the languages."""
    found = sorted((m.start(), code) for word, code in LANGUAGE_WORDS.items()
                   for m in [re.search(rf"\b{word}\b", text)] if m)
    return tuple(dict.fromkeys(code for _, code in found))


def _urls(text: str) -> list[str]:
    return [u.rstrip(".,;") for u in _URL_RE.findall(text)]


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())


def _acronym_like(text: str) -> bool:
    """PCMLV, PCE(ml), TKP-ML: no spaces and at least two capitals."""
    return bool(re.fullmatch(r"[A-ZА-Я][\w()/\-]*", text)) and sum(c.isupper() for c in text) >= 2


def _trailing_parenthesis(text: str) -> tuple[str, str] | None:
    """Split "Name (Inner (nested))" into ("Name", "Inner (nested)"), balancing brackets."""
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            return clean(text[:i]), clean(text[i + 1:-1])
    return None


def _split_outside_brackets(text: str, separators: str = r",\s+|\s+and\s+") -> list[str]:
    parts, depth, start = [], 0, 0
    sep = re.compile(separators)
    i = 0
    while i < len(text):
        ch = text[i]
        depth += {"(": 1, ")": -1}.get(ch, 0)
        match = sep.match(text, i) if depth == 0 else None
        if match and match.end() > i:
            parts.append(text[start:i])
            start = i = match.end()
            continue
        i += 1
    parts.append(text[start:])
    return [clean(p) for p in parts if clean(p)]


def _need(match, source: str, what: str):
    if not match:
        raise SeedError(f"{source}: expected {what}, but it was not found")
    return match


def _date(text: str, fmt: str, source: str) -> date:
    try:
        return datetime.strptime(clean(text), fmt).date()
    except ValueError as exc:
        raise SeedError(f"{source}: cannot read the date {text!r}") from exc


# --- shared result types ------------------------------------------------------------------

@dataclass(frozen=True)
class OrgRef:
    """An organization named in a text, with what the text says about it."""

    name: str
    acronym: str = ""
    native_name: str = ""
    country: str = ""
    founded_year: int | None = None
    note: str = ""


@dataclass(frozen=True)
class PublicationSeed:
    title: str
    native_title: str = ""
    meaning: str = ""
    kind: str = "newspaper"  # publications.Periodical.Kind
    languages: tuple[str, ...] = ()
    frequency: str = ""  # what the text says it is now: "weekly (Friday)", "daily" ...
    former_frequency: str = ""  # what it "used to" be
    url: str = ""
    started_year: int | None = None  # the year it was first published
    started: str = ""  # when it was started, as precisely as the text says: "2006-03"
    first_issue: str = ""  # "2008-10"
    pages: int | None = None
    edition_languages: tuple[str, ...] = ()  # "similar papers are also published in ..."
    programme: tuple[tuple[str, str], ...] = ()  # (language, "main" or "some")
    translation_of: str = ""  # the title of the original
    translation_publisher: str = ""
    publisher: str = ""  # "" = the organization itself; else an affiliate or a unit
    note: str = ""


# --- 003: the ICOR resolution -------------------------------------------------------------

@dataclass(frozen=True)
class Signatory:
    number: int | None
    acronym: str
    original_name: str
    english_name: str  # the English name given in parentheses, "" when none is given
    country: str  # the country given after a comma, "" when none is given

    @property
    def name(self) -> str:
        return self.english_name or self.original_name


@dataclass(frozen=True)
class IcorResolution:
    title: str
    approvals: int
    starts_on: date
    as_of: date
    signatories: tuple[Signatory, ...]
    later_signatories: tuple[Signatory, ...]


def _signatory(number: int | None, line: str, source: str) -> Signatory:
    parts = re.split(r"\s{2,}", line.strip(), maxsplit=1)
    if len(parts) == 1:  # "TKP-ML Türkiye ...": a single space after the acronym
        parts = line.strip().split(None, 1)
    if len(parts) != 2:
        raise SeedError(f"{source}: cannot split acronym and name in {line!r}")
    acronym, body = clean(parts[0]), clean(parts[1])
    country = ""
    after_comma = re.search(r",\s*([A-Z][A-Za-z ]+)$", body)
    if after_comma:
        country, body = after_comma.group(1).strip(), body[:after_comma.start()].strip()
    english = ""
    split = _trailing_parenthesis(body)
    # A trailing "(Marxist-Leninist)" or "(Mashal)" is part of the name; a translation has
    # several words.
    if split and len(split[1].split()) >= 2:
        body, english = split
    return Signatory(number=number, acronym=acronym, original_name=body,
                     english_name=english, country=country)


def parse_icor_resolution(text: str, source: str = "003") -> IcorResolution:
    title = _need(re.search(r"^ICOR Resolution\s*\n\s*\n?\s*(\S.+)$", text, re.M),
                  source, "the resolution title after 'ICOR Resolution'").group(1)
    approvals = _need(re.search(r"reached (\d+) approvals", text), source,
                      "the number of approvals ('reached N approvals')")
    starts = _need(re.search(r"will be started from (\w+ \d{1,2}, \d{4})", text), source,
                   "the start date ('will be started from Month D, YYYY')")
    as_of = _need(re.search(r"Signatories \(as of (\d{1,2} \w+ \d{4})[^)]*\):", text), source,
                  "the signatory list ('Signatories (as of D Month YYYY ...):')")
    later = _need(re.search(r"^Subsequent signatories:\s*$", text[as_of.end():], re.M), source,
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
        starts_on=_date(starts.group(1), "%B %d, %Y", source),
        as_of=_date(as_of.group(1), "%d %B %Y", source),
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
    if dash and _acronym_like(dash.group(1)):
        name, acronym = name[:dash.start()], dash.group(1)
    split = _trailing_parenthesis(name)
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
    full = _need(re.search(r"The (International Conference of [^,]+), CIPOML", text), source,
                 "CIPOML's full name ('The International Conference of ..., CIPOML')")
    founded = _need(re.search(r"CIPOML, founded in (\d{4})", text), source,
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


# --- 001: the Worker-communist Party of Iran ----------------------------------------------

@dataclass(frozen=True)
class Affiliate:
    name: str
    english_name: str
    acronym: str
    affiliation: str  # youth, refugees, campaign, society (organizations.Organization)
    founded_year: int | None
    description: str
    publications: tuple[PublicationSeed, ...] = ()


@dataclass(frozen=True)
class LineageSeed:
    kind: str  # organizations.LineageEvent.Kind
    other: str
    year: int | None
    note: str = ""


@dataclass(frozen=True)
class Wpi:
    name: str
    acronym: str
    native_name: str
    native_language: str
    founded_year: int
    founder: str
    chairperson: str
    ideology: tuple[str, ...]
    country: str
    banned: bool
    countries: tuple[str, ...]  # of its organizations abroad, as written ("UK", "USA")
    youth_organization: str
    affiliates: tuple[Affiliate, ...]
    sister: OrgRef
    publications: tuple[PublicationSeed, ...]  # its own, including the TV station
    split_from: LineageSeed
    split_off: LineageSeed
    description: str


def _infobox(text: str, key: str, source: str) -> str:
    return clean(_need(re.search(rf"^- {re.escape(key)}:\s*(.+)$", text, re.M), source,
                       f"the infobox line '- {key}: ...'").group(1))


def _section(text: str, heading: str, source: str) -> str:
    start = _need(re.search(rf"^=+\s*{heading}\s*=+\s*$", text, re.M), source,
                  f"the section '{heading}'")
    end = re.search(r"^=+ .* =+\s*$", text[start.end():], re.M)
    return text[start.end():(start.end() + end.start()) if end else len(text)]


def _bullets(section: str) -> list[str]:
    return [clean(m.group(1)) for m in re.finditer(r"^- (.+)$", section, re.M)]


def _frequency(text: str) -> str:
    day = re.search(r"every (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", text)
    if day:
        return f"weekly ({day.group(1)})"
    for word in ("daily", "weekly", "monthly", "24-hour"):
        if re.search(rf"\b{word}\b", text, re.I):
            return word
    return ""


def _month(month: str, year: str, source: str) -> str:
    """"March", "2006" -> "2006-03"."""
    return _date(f"{month} {year}", "%B %Y", source).strftime("%Y-%m")


def _pages(text: str) -> int | None:
    match = re.search(r"\ban? ([\w-]+?)-page\b", text)
    return NUMBER_WORDS.get(match.group(1).lower()) if match else None


def _publication_bullet(bullet: str) -> PublicationSeed:
    """'Title (meaning), description.' -- one line of the list of party papers."""
    head = re.match(r"([^(,]+)(?:\(([^)]*)\))?", bullet)
    assert head is not None, bullet  # every bullet starts with its title
    title = clean(head.group(1))
    meaning = re.sub(r"^in Persian:\s*", "", head.group(2) or "").strip()
    official = re.search(r"official paper of the ([A-Z][\w ]+?)[;.]?$", bullet)
    publisher = re.search(r"published by the WPI ([A-Z][\w ]+?)\.", bullet)
    kind = "newsletter" if re.search(r"newsletter|Briefing", bullet) else "newspaper"
    frequency, former = _frequency(bullet), ""
    if re.search(r"\bused to (?:being |be )?published", bullet):  # no longer so
        frequency, former = "", frequency
    similar = re.search(r"Similar papers are also published in ([^.]+)\.", bullet)
    return PublicationSeed(
        title=title, meaning=meaning, kind=kind, languages=_languages(bullet),
        frequency=frequency, former_frequency=former,
        edition_languages=_languages(similar.group(1)) if similar else (),
        url=next(iter(_urls(bullet)), ""),
        publisher=(official.group(1) if official else publisher.group(1) if publisher else ""),
        note=clean(_URL_RE.sub("", bullet)).rstrip(" ,;."))


def _papers(bullet: str) -> tuple[PublicationSeed, ...]:
    papers = []
    for m in re.finditer(
            r"(?:(weekly|monthly) )?paper\b[^.]*?\b(?:named|called)(?: in Persian,)?\s+"
            r"(?P<title>[A-Z][^\s(.,]*(?: [A-Z][^\s(.,]*)*)(?:\s+\((?P<meaning>[^)]+)\))?",
            bullet):
        sentence_start = bullet.rfind(". ", 0, m.start()) + 1
        sentence = bullet[sentence_start:m.end() + 30]
        papers.append(PublicationSeed(
            title=m.group("title"), meaning=m.group("meaning") or "",
            languages=_languages(sentence), frequency=m.group(1) or ""))
    return tuple(papers)


def _affiliation(name: str, bullet: str) -> str:
    """The kind of affiliation (organizations.Organization.Affiliation), "" if unknown."""
    for word, kind in (("Youth", "youth"), ("Refugees", "refugees"), ("Society", "society")):
        if word in name:
            return kind
    return "campaign" if "campaign" in bullet else ""


def _affiliate(bullet: str, source: str) -> Affiliate:
    head = _need(re.match(r"(?:The )?(.+?)(?:,| was | is | emerged |\.$)", bullet), source,
                 f"an organization name at the start of {bullet!r}")
    name, english = clean(head.group(1)), ""
    split = _trailing_parenthesis(name)
    if split:
        name, english = split
    acronym = next((w for w in re.findall(r"\b[A-Z]{3,}\b", bullet)
                    if w == _initials(name)), "")
    formed = re.search(r"formed in (?:\w+ )?(\d{4})", bullet)
    affiliation = _affiliation(english or name, bullet)
    if not affiliation:
        raise SeedError(f"{source}: cannot tell the kind of affiliation of {name!r}")
    return Affiliate(name=name, english_name=english, acronym=acronym, affiliation=affiliation,
                     founded_year=int(formed.group(1)) if formed else None,
                     description=bullet, publications=_papers(bullet))


def _main_paper(section: str, source: str) -> PublicationSeed:
    m = _need(re.search(r"main newspaper is (\w+) \(in (\w+), (\w+)\), ([^.]+)\.", section),
              source, "the main newspaper ('main newspaper is X (in Persian, ...)')")
    paragraph = section[m.start():section.find("\n", m.start())]
    return PublicationSeed(title=m.group(1), meaning=m.group(3), languages=_languages(m.group(4)),
                           frequency=_frequency(paragraph), url=next(iter(_urls(paragraph)), ""),
                           pages=_pages(m.group(4)), note=f"The main newspaper: {m.group(4)}.")


def _journals(section: str, source: str) -> list[PublicationSeed]:
    theory = _need(re.search(
        r"In (\w+) (\d{4}) the WPI started a theoretical journal named (.+?) \(in Persian: "
        r"([\u0600-\u06FF ]+?) ([A-Z][^)]*)\)\. The first issue was published in (\w+) (\d{4})",
        section), source, "the theoretical journal ('started a theoretical journal named')")
    daily = _need(re.search(r"In (\d{4}) ([A-Z][\w ]+?) started a (daily) publication named "
                            r"(\w+) in (\w+)\.(\S*)", section), source,
                  "the daily publication ('started a daily publication named')")
    return [
        PublicationSeed(
            title=theory.group(3), native_title=theory.group(4).strip(),
            meaning=theory.group(5), kind="theoretical_journal", languages=("fa",),
            started_year=int(theory.group(7)),
            started=_month(theory.group(1), theory.group(2), source),
            first_issue=_month(theory.group(6), theory.group(7), source),
            note=f"Started in {theory.group(1)} {theory.group(2)}; the first issue was "
                 f"published in {theory.group(6)} {theory.group(7)}."),
        PublicationSeed(
            title=daily.group(4), kind="newspaper", languages=_languages(daily.group(5)),
            frequency=daily.group(3), url=next(iter(_urls(daily.group(6))), ""),
            started_year=int(daily.group(1)), started=daily.group(1),
            note=f"Started by {daily.group(2)} in {daily.group(1)}, in {daily.group(5)}."),
    ]


def _programme(text: str) -> tuple[tuple[str, str], ...]:
    """"broadcasts mainly in Persian, but includes some programming in English ...": each
    language with its share as the text gives it (no numbers: it gives none)."""
    main = re.search(r"mainly in (.+?)(?:,|$)", text)
    some = re.search(r"some programming in (.+)$", text)
    rows = [(code, "main") for code in _languages(main.group(1))] if main else []
    rows += [(code, "some") for code in (_languages(some.group(1)) if some else ())]
    return tuple(dict.fromkeys(rows))


def _wpi_papers(text: str, source: str, allied: list[Affiliate]
                ) -> tuple[tuple[Affiliate, ...], tuple[PublicationSeed, ...]]:
    """The party's own publications, and the affiliates with the papers listed as theirs."""
    section = _section(text, "Publications and papers", source)
    listed = [_publication_bullet(b) for b in _bullets(section)]
    names = {a.name for a in allied}
    unplaced = [p.title for p in listed
                if p.publisher and "Committee" not in p.publisher and p.publisher not in names]
    if unplaced:
        raise SeedError(f"{source}: publications of unknown publishers: {unplaced}")
    tv = _need(re.search(r"owns a (24-hour) TV station called ([A-Z][\w ]+?), which (.+?)\.",
                         text), source, "the TV station ('owns a 24-hour TV station called')")
    own = [_main_paper(section, source),
           *(p for p in listed if not p.publisher or "Committee" in p.publisher),
           *_journals(section, source),
           PublicationSeed(title=tv.group(2), kind="tv", frequency=tv.group(1),
                           languages=_languages(tv.group(3)), programme=_programme(tv.group(3)),
                           note=f"TV station; {tv.group(3)}.")]
    affiliates = tuple(
        replace(a, publications=a.publications + tuple(p for p in listed
                                                       if p.publisher == a.name))
        for a in allied)
    return affiliates, tuple(own)


def _wpi_lineage(text: str, source: str) -> tuple[LineageSeed, LineageSeed]:
    predecessor = _infobox(text, "Split", source)
    formed = _need(re.search(rf"formed in (\d{{4}}) after some members of the "
                             rf"{re.escape(predecessor)} left", text), source,
                   "when the party split from its predecessor")
    heading = _need(re.search(r"^=+ Major split in (\w+) (\d{4}) =+$", text, re.M), source,
                    "the section 'Major split in Month YYYY'")
    exodus = _need(re.search(r"led to the exodus of (.+?) in \w+ \d{4}\.", text), source,
                   "who left in the split ('led to the exodus of ...')")
    new_party = _need(re.search(r"formed a new party called the ([A-Z][\w -]+?)\.", text),
                      source, "the party formed by the split ('formed a new party called')")
    return (
        LineageSeed(kind="split_from", other=predecessor, year=int(formed.group(1)),
                    note=f"Some members of the {predecessor} left to form the party."),
        LineageSeed(kind="split_off", other=new_party.group(1), year=int(heading.group(2)),
                    note=f"{heading.group(1)} {heading.group(2)}: {exodus.group(1)} left "
                         f"and formed the {new_party.group(1)}."))


def _wpi_sister(text: str, source: str) -> OrgRef:
    sister = _need(re.search(r"The ([A-Z][\w -]+?) \(([A-Z]{2,})\) which was formed in (\d{4})"
                             r"(.*)$", _section(text, "Sister parties", source), re.M), source,
                   "the sister party ('The ... (ACR) which was formed in YYYY')")
    return OrgRef(name=sister.group(1), acronym=sister.group(2),
                  country=country_in(sister.group(1)), founded_year=int(sister.group(3)),
                  note=clean(f"Formed in {sister.group(3)}{sister.group(4)}"))


def parse_wpi(text: str, source: str = "001") -> Wpi:
    name = clean(_need(re.search(r"^= (.+) =$", text, re.M), source, "the title '= Name ='")
                 .group(1))
    lead = _need(re.search(rf"^The {re.escape(name)} \(([\u0600-\u06FF ]+)\) is (.+)$", text,
                           re.M), source, "the lead sentence with the Persian name")
    founded = _need(re.search(r"founded in (\d{4})", lead.group(2)), source,
                    "the founding year in the lead ('founded in YYYY')")
    acronym = _need(re.search(r"\b([A-Z]{2,})\b owns", text), source,
                    "the acronym ('WPI owns ...')").group(1)
    if acronym != _initials(name):
        raise SeedError(f"{source}: the acronym {acronym} does not match {name}")
    status = _section(text, "Status", source)
    abroad = _need(re.search(r"official organizations in (.+?)\.", status), source,
                   "the countries abroad ('official organizations in ...')")
    allied = [_affiliate(b, source) for b in
              _bullets(_section(text, "Participation in allied groups and campaigns", source))]
    youth = next((a.name for a in allied if a.affiliation == "youth"), None)
    if not youth:
        raise SeedError(f"{source}: no youth organization among the allied organizations")
    affiliates, publications = _wpi_papers(text, source, allied)
    split_from, split_off = _wpi_lineage(text, source)
    return Wpi(
        name=name, acronym=acronym, native_name=clean(lead.group(1)),
        native_language=_infobox(text, "Native Name Lang", source),
        founded_year=int(founded.group(1)), founder=_infobox(text, "Founder", source),
        chairperson=_infobox(text, "Chairperson", source),
        ideology=tuple(t.strip() for t in _infobox(text, "Ideology", source).split(",")),
        country=_infobox(text, "Country", source),
        banned=bool(re.search(rf"{acronym} is banned in", status)),
        countries=tuple(re.sub(r"^the ", "", c) for c in _split_outside_brackets(
            abroad.group(1), r"\s*,\s*|\s+and\s+")),
        youth_organization=youth, affiliates=affiliates, sister=_wpi_sister(text, source),
        publications=publications, split_from=split_from, split_off=split_off,
        description=clean(f"{name}: {lead.group(2)}"))


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
    lead = _need(re.search(r"^The (.+?) \(\) is (.+?)\.", text, re.M), source,
                 "the lead sentence ('The Name () is ...')")
    name = lead.group(1)
    acronym = _need(re.search(r"\b([A-Z]{2,} \([A-Z]{2,}\))", text), source,
                    "the acronym ('CPI (MLM)')").group(1)
    founded = _need(re.search(r"officially founded in (\d{4})", text), source,
                    "the founding year ('officially founded in YYYY')")
    country = _need(re.search(r"^Communist parties in (\w+)$", text, re.M), source,
                    "the category 'Communist parties in ...'").group(1)
    links = _need(re.search(r"^External links\s*\n\s*(https?://\S+)", text, re.M), source,
                  "the website under 'External links'")
    magazines = _need(re.search(r"magazines such as (.+?\))\.", text), source,
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
    continuation = _need(re.search(r"is continuation of (.+?) and was officially founded", text),
                         source, "the predecessor ('is continuation of ...')").group(1)
    predecessor = re.split(r" and the ", continuation)[-1]
    movement = _need(re.search(r"known as the ([A-Z][\w ]+?) \(([A-Z]{2,})\)", text), source,
                     "the movement ('known as the ... (ACR)')")
    partners = _need(re.search(rf"participates in the {movement.group(2)}\s+with (.+?) and the "
                               rf"two organizations", text), source,
                     "the other movement member ('participates in the RIM with ...')")
    return CpiMlm(
        name=name, acronym=acronym, founded_year=int(founded.group(1)), country=country,
        banned=bool(re.search(r"^Banned (?:communist|political) parties", text, re.M)),
        website=links.group(1), publications=publications, continuation_of=predecessor,
        continuation_note=f"Continuation of the {continuation}.",
        movement=OrgRef(name=movement.group(1), acronym=movement.group(2)),
        movement_partners=tuple(OrgRef(name=p, country=country_in(p))
                                for p in _split_outside_brackets(partners.group(1))),
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
    split = _trailing_parenthesis(name)
    if split and split[1] in COUNTRY_WORDS:
        name, country = split[0], COUNTRY_WORDS[split[1]]
    split = _trailing_parenthesis(name)
    if split:
        code = re.match(r"([A-Z]{2,})\b", split[1])
        if code:
            name, acronym = split[0], code.group(1)
            native = split[1] if split[1] != acronym else ""
    words = name.split()
    if len(words) <= 2 and any(_acronym_like(w) for w in words):
        acronym = next(w for w in words if _acronym_like(w) and w not in COUNTRY_WORDS)
        country = country or country_in(name)
        expanded = re.search(rf"the ((?:[A-Z][\w-]*\s)+)\({re.escape(name)}\)", whole)
        if expanded:
            name = clean(expanded.group(1))
    return OrgRef(name=name, acronym=acronym, native_name=native,
                  country=country or country_in(name))


def parse_rmp_resolution(text: str, source: str = "002") -> RmpResolution:
    title = clean(_need(re.search(r"^(Resolution Regarding .+)$", text, re.M), source,
                        "the title ('Resolution Regarding ...')").group(1))
    author = _need(re.search(r"^([A-Z][\w ]+?) \(([A-Z]{2,})\)\s*$", text, re.M), source,
                   "the signature ('Russian Maoist Party (RMP)')")
    intro = _need(re.search(r"sees three .circles. of foreign allies[^\n]*\n", text), source,
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
        orgs = tuple(_ally(part, text) for part in _split_outside_brackets(listed)
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
