"""Signatory lists from text: parse, preview the matches, confirm.

The shape is the one of the ICOR seed (003): numbered lines "N. ACRONYM   Native name (English
name), Country", a "Subsequent signatories:" block of unnumbered lines. ``parse`` names every
line it cannot read with its line number; ``preview`` matches each read line to an
organization the office sees, by acronym, native name and English name, compared without case,
accents or punctuation (``comparable``); ``do_confirm_signatory_list`` registers the unmatched
ones (``do_register_member_organization``) and makes every listed organization a signatory
member. Nothing is saved before the confirmation, which re-parses the same text: confirming
twice finds everything matched the second time and changes nothing.

Across scripts (a Cyrillic or Persian name against a directory entry in Latin letters), names
are compared once more after transliteration (``anyascii``) as consonant skeletons
(``transliterated``): the Persian script writes no short vowels, and transliterations differ
in their vowels. Such a match is the least sure level (``TRANSLITERATED``) and never beats a
match by name or acronym as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from anyascii import anyascii
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from organizations.models import Coalition, CoalitionMembership, Organization


class ListError(ValueError):
    """A line of a pasted list that cannot be read."""


def clean(text: str) -> str:
    """Collapse every run of whitespace (the texts use no-break spaces) to one space."""
    return re.sub(r"\s+", " ", text).strip()


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


@dataclass(frozen=True)
class SignatoryLine:
    number: int | None
    acronym: str
    original_name: str
    english_name: str  # the English name given in parentheses, "" when none is given
    country: str  # the country given after a comma, "" when none is given
    later: bool = False
    line_number: int = 0

    @property
    def name(self) -> str:
        return self.english_name or self.original_name


def parse_signatory_line(number: int | None, line: str, *, later: bool = False,
                         line_number: int = 0) -> SignatoryLine:
    parts = re.split(r"\s{2,}", line.strip(), maxsplit=1)
    if len(parts) == 1:  # "TKP-ML Türkiye ...": a single space after the acronym
        parts = line.strip().split(None, 1)
    if len(parts) != 2:
        raise ListError(f"cannot split acronym and name in {line!r}")
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
    if not body or len(acronym) > 40:
        raise ListError(f"cannot split acronym and name in {line!r}")
    return SignatoryLine(number=number, acronym=acronym, original_name=body,
                         english_name=english, country=country, later=later,
                         line_number=line_number)


@dataclass
class ParsedList:
    lines: list[SignatoryLine] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, the line)


_NUMBERED = re.compile(r"^\s*(\d+)\.\s+(\S.*)$")
_LATER = re.compile(r"^\s*subsequent signatories\s*:?\s*$", re.I)


def parse(text: str) -> ParsedList:
    """Every numbered line (and, after "Subsequent signatories:", every line) as a signatory;
    a heading ending with ":" is skipped; anything else is an error with its line number."""
    parsed = ParsedList()
    later = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if _LATER.match(line):
            later = True
            continue
        numbered = _NUMBERED.match(line)
        if numbered is None and line.endswith(":"):
            continue
        if numbered is None and not later:
            parsed.errors.append((number, line))
            continue
        try:
            parsed.lines.append(parse_signatory_line(
                int(numbered.group(1)) if numbered else None,
                numbered.group(2) if numbered else line, later=later, line_number=number))
        except ListError:
            parsed.errors.append((number, line))
    return parsed


def comparable(text: str) -> str:
    """Case, accents, punctuation and spacing removed: "Union Prolétarienne" and "UNION
    PROLETARIENNE" compare equal; letters of other scripts stay as written."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", bare).replace("_", " ").split())


def transliterated(text: str) -> str:
    """The consonant skeleton of ``text`` in Latin letters, for texts where a letter is not
    Latin ("" otherwise): "حزب توده ایران" and "Hezb-e Tudeh-ye Iran" both give "hzb tdh rn",
    "Българска" and "Balgarska" both "blgrsk"."""
    if comparable(text).isascii():
        return ""
    return _skeleton(text)


def _skeleton(text: str) -> str:
    latin = comparable(anyascii(text).replace("'", "").replace("`", ""))
    words = (re.sub(r"[aeiouwy]+", "", word) for word in latin.split())
    return " ".join(word for word in words if word)


EXACT, NAME, ACRONYM, TRANSLITERATED, NONE = (
    "exact", "name", "acronym", "transliterated", "none")
CONFIDENCE = {
    EXACT: _("acronym and name"),
    NAME: _("name only"),
    ACRONYM: _("acronym only"),
    TRANSLITERATED: _("name in another script, transliterated: check it"),
    NONE: _("no match: registered as a new organization"),
}


@dataclass(frozen=True)
class Match:
    line: SignatoryLine
    organization: Organization | None
    confidence: str

    @property
    def confidence_label(self) -> str:
        return str(CONFIDENCE[self.confidence])


def _keys(org: Organization) -> tuple[str, set[str]]:
    return comparable(org.acronym), {k for k in (comparable(org.name),
                                                 comparable(org.native_name)) if k}


def match_line(line: SignatoryLine, candidates: list[Organization]) -> Match:
    acronym = comparable(line.acronym)
    names = {k for k in (comparable(line.original_name), comparable(line.english_name)) if k}
    by_name = [o for o in candidates if _keys(o)[1] & names]
    by_acronym = [o for o in candidates if acronym and _keys(o)[0] == acronym]
    both = [o for o in by_name if o in by_acronym]
    if both:
        return Match(line, both[0], EXACT)
    if len(by_name) == 1:
        return Match(line, by_name[0], NAME)
    if len(by_acronym) == 1:
        return Match(line, by_acronym[0], ACRONYM)
    by_script = [o for o in candidates if _across_scripts(line, o)]
    if len(by_script) == 1:
        return Match(line, by_script[0], TRANSLITERATED)
    return Match(line, None, NONE)


def _across_scripts(line: SignatoryLine, org: Organization) -> bool:
    """A name (or the acronym) of the line and one of the organization's, one of them in
    another script than Latin, with the same transliterated skeleton of at least 4 letters."""
    pairs = [(line.original_name, org.name), (line.original_name, org.native_name),
             (line.english_name, org.native_name), (line.acronym, org.acronym)]
    for ours, theirs in pairs:
        if not ours or not theirs or not (transliterated(ours) or transliterated(theirs)):
            continue
        key = _skeleton(ours)
        if len(key.replace(" ", "")) >= 4 and key == _skeleton(theirs):
            return True
    return False


@dataclass
class Preview:
    matches: list[Match]
    errors: list[tuple[int, str]]

    @property
    def new(self) -> list[Match]:
        return [m for m in self.matches if m.organization is None]


def preview(text: str, *, user: Any) -> Preview:
    """Match each line against the organizations ``user`` (the office) sees: an organization
    it does not see is never named, and its line is proposed as a new one."""
    parsed = parse(text)
    candidates = list(Organization.objects.restrict(user, "view"))
    return Preview([match_line(line, candidates) for line in parsed.lines], parsed.errors)


@transaction.atomic
def do_confirm_signatory_list(*, acting_user: Any, coalition: Coalition, text: str) -> int:
    """Register the unmatched organizations and make every listed one a signatory of the
    coalition; returns how many organizations or memberships it created or changed."""
    from coalitions.actions import _require_office
    from organizations.actions import do_register_member_organization, do_set_membership

    _require_office(acting_user, coalition)
    result = preview(text, user=acting_user)
    changed = 0
    for match in result.matches:
        line = match.line
        if match.organization is None:
            do_register_member_organization(
                acting_user=acting_user, coalition=coalition,
                data={"name": line.name[:200], "acronym": line.acronym,
                      "native_name": line.original_name[:200] if line.english_name else "",
                      "country": line.country},
                membership={"status": CoalitionMembership.Status.SIGNATORY})
            changed += 1
            continue
        current = CoalitionMembership.objects.filter(
            coalition=coalition, organization=match.organization).first()
        if current is None or current.status not in ("member", "signatory"):
            do_set_membership(acting_user=acting_user, coalition=coalition,
                              organization=match.organization,
                              data={"status": CoalitionMembership.Status.SIGNATORY})
            changed += 1
    return changed
