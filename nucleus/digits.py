"""Digits in the reader's digit set on every page, and any digits accepted in number fields.

Out: ``LocalDigitsMiddleware`` rewrites the ASCII digits of an HTML answer's text into the
reader's digits (``nucleus.preferences``: Persian for fa, Arabic-Indic for ar and for ckb
outside Iran; a profile may choose otherwise), in one pass over the body, so that no template,
chart or paginator has to remember it and no page mixes two digit sets. Only text is
rewritten: never a tag or its attributes (URLs, uids, form values, ids, SVG coordinates),
never a character reference (``&#x27;``), never the content of ``<script>``, ``<style>``,
``<textarea>``, ``<pre>``, ``<code>``, ``<kbd>``, ``<samp>`` (secrets, tokens, codes a member
types elsewhere) or of an element marked ``translate="no"`` (what must be read as written:
the Latin digits offered in the digits choice).

Speed: one compiled regular expression, possessive (no backtracking), split once; Python
touches only the texts that hold digits. Measured on the 2-core development machine
(``timeit``, best of 5): the demo's field page in English (18 KiB, its text and charts full of
figures) 0.14 ms, i.e. about 1.2 ms per 150 KiB, with other test suites loading both cores
(load average 18); a 132 KiB page of 600 table rows each with a uid link, a number, a date
and a number input (1,860 texts with digits, denser than any page of the app) 1.5 ms at load
average 2. The target is well under 2 ms for a 150 KiB page; the test
``test_it_converts_a_large_page_quickly`` guards against a pattern that backtracks.

In: ``fold_number_fields(form)`` (called for every project form by
``access.choices.RestrictedChoicesForm``) lets number, date and time fields read Persian and
Arabic-Indic digits and the Arabic decimal separator: Django's own fields accept only ASCII
digits in dates and decimals. ``LocalizedDateField`` does its own (it refuses mixed digits).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse

from nucleus.calendars import LocalizedDateField
from nucleus.preferences import Digits, current

_DIGIT_SETS = {Digits.PERSIAN: "۰۱۲۳۴۵۶۷۸۹", Digits.ARABIC: "٠١٢٣٤٥٦٧٨٩"}
_TABLES: dict[str, dict[int, int]] = {kind: str.maketrans("0123456789", chars)
                                      for kind, chars in _DIGIT_SETS.items()}

# One match per run of text that holds digits: group 1 is what comes before it and stays as
# it is (text without digits, whole tags, the skipped elements with their content, character
# references), group 2 the text from its first digit to the next tag or reference. Possessive
# quantifiers: no backtracking, so the regular expression engine walks the body once and
# Python is called once per text with digits, not once per tag.
_RAW = ("script", "style", "textarea", "pre", "code", "kbd", "samp")
_AS_WRITTEN = ("option", "span")  # the elements that may carry translate="no"
# No capturing group inside the repetition (Python 3.11's engine refuses them there with a
# possessive quantifier), so each element is spelled out rather than matched by a backreference.
_KEPT = "|".join([
    r"[^<&0-9]++",
    # Most tags at once: those that cannot open one of the elements below or a comment.
    r"<(?!s[ctap]|te|pr|co|kb|op|!)[^>]*+>",
    *(rf"<{tag}\b.*?</{tag}\s*>" for tag in _RAW),
    *(rf"<{tag}\b[^>]*\stranslate=\"no\"[^>]*>.*?</{tag}\s*>" for tag in _AS_WRITTEN),
    r"<!--.*?-->",
    r"<[^>]*+>",
    r"&#[xX]?[0-9a-fA-F]+;",
    r"[<&]",
])
_PATTERN = re.compile(rf"((?:{_KEPT})*+)([0-9][^<&]*+)?", re.DOTALL)


def local_digits_in_html(html: str, digits: str) -> str:
    """``html`` with the ASCII digits of its text in ``digits`` (a ``Digits`` value)."""
    table = _TABLES.get(digits)
    if table is None:
        return html
    # [before, kept, digits, between, kept, digits, ...]: "between" is always empty (every
    # match starts where the last ended), a missing group None. Lists, not a callback per
    # match: a third faster.
    parts = _PATTERN.split(html)
    parts[1::3] = [kept or "" for kept in parts[1::3]]
    parts[2::3] = [text.translate(table) if text else "" for text in parts[2::3]]
    return "".join(parts)


class LocalDigitsMiddleware:
    """After ``accounts.preferences.PreferencesMiddleware`` (whose choice it reads): HTML
    answers in the reader's digits."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        digits = current().digits
        if (digits in _TABLES and not response.streaming
                and response.get("Content-Type", "").startswith("text/html")
                and not response.has_header("Content-Encoding")):
            charset = response.charset or "utf-8"
            body = response.content.decode(charset)
            response.content = local_digits_in_html(body, digits).encode(charset)
        return response


# --- in: number and date fields read any digits ---

_TO_ASCII = str.maketrans({**{c: str(i) for chars in _DIGIT_SETS.values()
                              for i, c in enumerate(chars)},
                           "٫": ".",  # the Arabic decimal separator
                           "٬": ""})  # the Arabic thousands separator
_FOLDED = (forms.IntegerField, forms.DecimalField, forms.FloatField, forms.DateField,
           forms.TimeField, forms.DateTimeField, forms.DurationField)


def ascii_digits(value: Any) -> Any:
    return value.translate(_TO_ASCII) if isinstance(value, str) else value


def _folding(to_python: Callable[[Any], Any]) -> Callable[[Any], Any]:
    @functools.wraps(to_python)
    def folded(value: Any) -> Any:
        if isinstance(value, list | tuple):  # split date and time widgets
            return to_python(type(value)(ascii_digits(v) for v in value))
        return to_python(ascii_digits(value))

    return folded


def fold_number_fields(form: forms.BaseForm) -> None:
    """Let the form's number, date and time fields read Persian and Arabic-Indic digits.

    A number input (``<input type="number">``) is offered as text with a numeric keypad:
    Chromium drops Persian and Arabic-Indic digits typed into a number input (its value
    stays empty), so a reader typing their own digits could not fill it in. Its limits are
    the field's validators, checked on the server as before."""
    for field in form.fields.values():
        if isinstance(field, _FOLDED) and not isinstance(field, LocalizedDateField):
            field.to_python = _folding(field.to_python)  # type: ignore[method-assign, assignment]
        if isinstance(field.widget, forms.NumberInput):
            field.widget.input_type = "text"
            field.widget.attrs.pop("step", None)  # a number input's, meaningless on text
            # Django's DecimalField and FloatField are IntegerFields too.
            whole = not isinstance(field, forms.DecimalField | forms.FloatField)
            field.widget.attrs["inputmode"] = "numeric" if whole else "decimal"
