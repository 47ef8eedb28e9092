"""What a ballot may hold, for the box it goes into, and paper ballots as tellers type them.

``clean_marks`` turns what a voter (or a teller) gave into the stored form: a yes/no
ballot is one key, a choice ballot its keys sorted (the order a voter ticked them in is not
kept), a ranking its keys in order. A paper line names options by their letter (A, B, C ...
in the box's order) or their key, separated by spaces; ``-`` is a blank ballot.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ballots.models import BallotBox

BLANK_LINE = "-"


def option_codes(box: BallotBox) -> dict[str, str]:
    """Letter -> option key: what tellers type for each option."""
    letters = string.ascii_uppercase
    codes: dict[str, str] = {}
    for i, key in enumerate(box.option_keys()):
        code = letters[i] if i < len(letters) else f"{letters[i // 26 - 1]}{letters[i % 26]}"
        codes[code] = key
    return codes


def clean_marks(box: BallotBox, marks: Sequence[str]) -> list[str]:
    keys = [str(mark) for mark in marks if str(mark) != ""]
    known = set(box.option_keys())
    unknown = [key for key in keys if key not in known]
    if unknown:
        raise ValidationError(_("This ballot marks something that is not one of its options."),
                              code="unknown_option")
    if len(set(keys)) != len(keys):
        raise ValidationError(_("Each option may be marked or ranked only once."),
                              code="repeated")
    if len(keys) > box.max_marks:
        raise ValidationError(ngettext(
            "This ballot allows at most %(n)d mark.", "This ballot allows at most %(n)d marks.",
            box.max_marks) % {"n": box.max_marks}, code="too_many")
    if box.kind == BallotBox.Kind.CHOOSE:
        order = {key: i for i, key in enumerate(box.option_keys())}
        keys.sort(key=order.__getitem__)
    return keys


def parse_paper(box: BallotBox, text: str) -> list[list[str]]:
    """One ballot per non-empty line; a wrong line is named by its number."""
    codes = option_codes(box)
    by_key = {key.casefold(): key for key in box.option_keys()}
    ballots: list[list[str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        tokens = [] if line == BLANK_LINE else line.replace(",", " ").split()
        try:
            marks = [codes.get(t.upper()) or by_key[t.casefold()] for t in tokens]
            ballots.append(clean_marks(box, marks))
        except (KeyError, ValidationError) as error:
            reason = " ".join(error.messages) if isinstance(error, ValidationError) else _(
                "This ballot marks something that is not one of its options.")
            raise ValidationError(_("Line %(line)d: %(reason)s") % {
                "line": number, "reason": reason}, code="paper_line") from None
    return ballots


def differing(first: Sequence[Sequence[str]], second: Sequence[Sequence[str]]) -> int:
    """How many ballots two entries of one stack differ in, as multisets of ballots (a
    ballot read differently by the two tellers counts once)."""
    a = Counter(tuple(b) for b in first)
    b = Counter(tuple(b) for b in second)
    return max(sum((a - b).values()), sum((b - a).values()))
