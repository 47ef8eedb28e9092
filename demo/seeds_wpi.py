"""The parser of seed 001, the encyclopedia article on the Worker-communist Party of Iran (with
its infobox, affiliates, papers, lineage and sister party); the others are in demo/seeds.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from demo.seed_text import (
    NUMBER_WORDS,
    URL_RE,
    OrgRef,
    PublicationSeed,
    SeedError,
    clean,
    country_in,
    initials,
    language_codes,
    require,
    seed_date,
    split_outside_brackets,
    trailing_parenthesis,
    urls_in,
)

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
    return clean(require(re.search(rf"^- {re.escape(key)}:\s*(.+)$", text, re.M), source,
                       f"the infobox line '- {key}: ...'").group(1))


def _section(text: str, heading: str, source: str) -> str:
    start = require(re.search(rf"^=+\s*{heading}\s*=+\s*$", text, re.M), source,
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
    return seed_date(f"{month} {year}", "%B %Y", source).strftime("%Y-%m")


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
        title=title, meaning=meaning, kind=kind, languages=language_codes(bullet),
        frequency=frequency, former_frequency=former,
        edition_languages=language_codes(similar.group(1)) if similar else (),
        url=next(iter(urls_in(bullet)), ""),
        publisher=(official.group(1) if official else publisher.group(1) if publisher else ""),
        note=clean(URL_RE.sub("", bullet)).rstrip(" ,;."))


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
            languages=language_codes(sentence), frequency=m.group(1) or ""))
    return tuple(papers)


def _affiliation(name: str, bullet: str) -> str:
    """The kind of affiliation (organizations.Organization.Affiliation), "" if unknown."""
    for word, kind in (("Youth", "youth"), ("Refugees", "refugees"), ("Society", "society")):
        if word in name:
            return kind
    return "campaign" if "campaign" in bullet else ""


def _affiliate(bullet: str, source: str) -> Affiliate:
    head = require(re.match(r"(?:The )?(.+?)(?:,| was | is | emerged |\.$)", bullet), source,
                 f"an organization name at the start of {bullet!r}")
    name, english = clean(head.group(1)), ""
    split = trailing_parenthesis(name)
    if split:
        name, english = split
    acronym = next((w for w in re.findall(r"\b[A-Z]{3,}\b", bullet)
                    if w == initials(name)), "")
    formed = re.search(r"formed in (?:\w+ )?(\d{4})", bullet)
    affiliation = _affiliation(english or name, bullet)
    if not affiliation:
        raise SeedError(f"{source}: cannot tell the kind of affiliation of {name!r}")
    return Affiliate(name=name, english_name=english, acronym=acronym, affiliation=affiliation,
                     founded_year=int(formed.group(1)) if formed else None,
                     description=bullet, publications=_papers(bullet))


def _main_paper(section: str, source: str) -> PublicationSeed:
    m = require(re.search(r"main newspaper is (\w+) \(in (\w+), (\w+)\), ([^.]+)\.", section),
              source, "the main newspaper ('main newspaper is X (in Persian, ...)')")
    paragraph = section[m.start():section.find("\n", m.start())]
    return PublicationSeed(title=m.group(1), meaning=m.group(3),
                           languages=language_codes(m.group(4)),
                           frequency=_frequency(paragraph), url=next(iter(urls_in(paragraph)), ""),
                           pages=_pages(m.group(4)), note=f"The main newspaper: {m.group(4)}.")


def _journals(section: str, source: str) -> list[PublicationSeed]:
    theory = require(re.search(
        r"In (\w+) (\d{4}) the WPI started a theoretical journal named (.+?) \(in Persian: "
        r"([\u0600-\u06FF ]+?) ([A-Z][^)]*)\)\. The first issue was published in (\w+) (\d{4})",
        section), source, "the theoretical journal ('started a theoretical journal named')")
    daily = require(re.search(r"In (\d{4}) ([A-Z][\w ]+?) started a (daily) publication named "
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
            title=daily.group(4), kind="newspaper", languages=language_codes(daily.group(5)),
            frequency=daily.group(3), url=next(iter(urls_in(daily.group(6))), ""),
            started_year=int(daily.group(1)), started=daily.group(1),
            note=f"Started by {daily.group(2)} in {daily.group(1)}, in {daily.group(5)}."),
    ]


def _programme(text: str) -> tuple[tuple[str, str], ...]:
    """"broadcasts mainly in Persian, but includes some programming in English ...": each
    language with its share as the text gives it (no numbers: it gives none)."""
    main = re.search(r"mainly in (.+?)(?:,|$)", text)
    some = re.search(r"some programming in (.+)$", text)
    rows = [(code, "main") for code in language_codes(main.group(1))] if main else []
    rows += [(code, "some") for code in (language_codes(some.group(1)) if some else ())]
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
    tv = require(re.search(r"owns a (24-hour) TV station called ([A-Z][\w ]+?), which (.+?)\.",
                         text), source, "the TV station ('owns a 24-hour TV station called')")
    own = [_main_paper(section, source),
           *(p for p in listed if not p.publisher or "Committee" in p.publisher),
           *_journals(section, source),
           PublicationSeed(title=tv.group(2), kind="tv", frequency=tv.group(1),
                           languages=language_codes(tv.group(3)), programme=_programme(tv.group(3)),
                           note=f"TV station; {tv.group(3)}.")]
    affiliates = tuple(
        replace(a, publications=a.publications + tuple(p for p in listed
                                                       if p.publisher == a.name))
        for a in allied)
    return affiliates, tuple(own)


def _wpi_lineage(text: str, source: str) -> tuple[LineageSeed, LineageSeed]:
    predecessor = _infobox(text, "Split", source)
    formed = require(re.search(rf"formed in (\d{{4}}) after some members of the "
                             rf"{re.escape(predecessor)} left", text), source,
                   "when the party split from its predecessor")
    heading = require(re.search(r"^=+ Major split in (\w+) (\d{4}) =+$", text, re.M), source,
                    "the section 'Major split in Month YYYY'")
    exodus = require(re.search(r"led to the exodus of (.+?) in \w+ \d{4}\.", text), source,
                   "who left in the split ('led to the exodus of ...')")
    new_party = require(re.search(r"formed a new party called the ([A-Z][\w -]+?)\.", text),
                      source, "the party formed by the split ('formed a new party called')")
    return (
        LineageSeed(kind="split_from", other=predecessor, year=int(formed.group(1)),
                    note=f"Some members of the {predecessor} left to form the party."),
        LineageSeed(kind="split_off", other=new_party.group(1), year=int(heading.group(2)),
                    note=f"{heading.group(1)} {heading.group(2)}: {exodus.group(1)} left "
                         f"and formed the {new_party.group(1)}."))


def _wpi_sister(text: str, source: str) -> OrgRef:
    sister = require(re.search(r"The ([A-Z][\w -]+?) \(([A-Z]{2,})\) which was formed in (\d{4})"
                             r"(.*)$", _section(text, "Sister parties", source), re.M), source,
                   "the sister party ('The ... (ACR) which was formed in YYYY')")
    return OrgRef(name=sister.group(1), acronym=sister.group(2),
                  country=country_in(sister.group(1)), founded_year=int(sister.group(3)),
                  note=clean(f"Formed in {sister.group(3)}{sister.group(4)}"))


def parse_wpi(text: str, source: str = "001") -> Wpi:
    name = clean(require(re.search(r"^= (.+) =$", text, re.M), source, "the title '= Name ='")
                 .group(1))
    lead = require(re.search(rf"^The {re.escape(name)} \(([\u0600-\u06FF ]+)\) is (.+)$", text,
                           re.M), source, "the lead sentence with the Persian name")
    founded = require(re.search(r"founded in (\d{4})", lead.group(2)), source,
                    "the founding year in the lead ('founded in YYYY')")
    acronym = require(re.search(r"\b([A-Z]{2,})\b owns", text), source,
                    "the acronym ('WPI owns ...')").group(1)
    if acronym != initials(name):
        raise SeedError(f"{source}: the acronym {acronym} does not match {name}")
    status = _section(text, "Status", source)
    abroad = require(re.search(r"official organizations in (.+?)\.", status), source,
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
        countries=tuple(re.sub(r"^the ", "", c) for c in split_outside_brackets(
            abroad.group(1), r"\s*,\s*|\s+and\s+")),
        youth_organization=youth, affiliates=affiliates, sister=_wpi_sister(text, source),
        publications=publications, split_from=split_from, split_off=split_off,
        description=clean(f"{name}: {lead.group(2)}"))
