"""What the seed parsers share (demo/seeds.py, demo/seeds_wpi.py): the error they raise, small
text helpers, and the result types more than one parser returns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime


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
URL_RE = re.compile(r"https?://[^\s)\]]+")
NUMBER_WORDS = {"four": 4, "six": 6, "eight": 8, "ten": 10, "twelve": 12, "sixteen": 16,
                "twenty": 20, "twenty-four": 24, "thirty-two": 32}


def clean(text: str) -> str:
    """Collapse every run of whitespace (the texts use no-break spaces) to one space."""
    return re.sub(r"\s+", " ", text).strip()


def country_in(text: str) -> str:
    """The country a name points at (its first country word), or ""."""
    match = _COUNTRY_RE.search(text)
    return COUNTRY_WORDS[match.group(1)] if match else ""


def language_codes(text: str) -> tuple[str, ...]:
    """Language codes in the order the text names the languages."""
    found = sorted((m.start(), code) for word, code in LANGUAGE_WORDS.items()
                   for m in [re.search(rf"\b{word}\b", text)] if m)
    return tuple(dict.fromkeys(code for _, code in found))


def urls_in(text: str) -> list[str]:
    return [u.rstrip(".,;") for u in URL_RE.findall(text)]


def initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())


def acronym_like(text: str) -> bool:
    """PCMLV, PCE(ml), TKP-ML: no spaces and at least two capitals."""
    return bool(re.fullmatch(r"[A-ZА-Я][\w()/\-]*", text)) and sum(c.isupper() for c in text) >= 2


def trailing_parenthesis(text: str) -> tuple[str, str] | None:
    """Split "Name (Inner (nested))" into ("Name", "Inner (nested)"), balancing brackets."""
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            return clean(text[:i]), clean(text[i + 1:-1])
    return None


def split_outside_brackets(text: str, separators: str = r",\s+|\s+and\s+") -> list[str]:
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


def require(match, source: str, what: str):
    if not match:
        raise SeedError(f"{source}: expected {what}, but it was not found")
    return match


def seed_date(text: str, fmt: str, source: str) -> date:
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
