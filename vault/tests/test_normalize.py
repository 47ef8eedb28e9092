"""The one spelling a blind index hashes: phone numbers folded (Persian and Arabic digits,
separators), parsed with phonenumbers in a default region and written in E.164; emails
folded. What the parser refuses keeps the old digit rule, so nothing accepted before is
refused now."""

import pytest

from vault.crypto import blind_index, fold_phone, normalize_email, normalize_phone
from vault.keyring import new_keyring

IRAN = "+989181234567"

PHONES = [
    # (typed, default region, normalized)
    ("0918 123 4567", "IR", IRAN),
    ("09181234567", "IR", IRAN),
    ("۰۹۱۸ ۱۲۳ ۴۵۶۷", "IR", IRAN),                      # Persian digits
    ("٠٩١٨ ١٢٣ ٤٥٦٧", "IR", IRAN),                      # Arabic-Indic digits
    ("۰۹۱۸-۱۲۳-۴۵۶۷", "IR", IRAN),                      # Persian digits, hyphens
    ("0918\u00a0123\u00a04567", "IR", IRAN),            # no-break spaces
    ("0918\u200c123\u200c4567", "IR", IRAN),            # zero-width non-joiner
    ("0918\u2013123\u20144567", "IR", IRAN),            # en and em dashes
    ("0918\u2212123\u06404567", "IR", IRAN),            # minus sign, Arabic tatweel
    ("(0918) 123.4567", "IR", IRAN),                    # parentheses, dot
    ("0918\u060c123\u066c4567", "IR", IRAN),            # Arabic comma, thousands separator
    ("\u200f0918 123 4567\u200e", "IR", IRAN),          # direction marks around it
    ("０９１８１２３４５６７", "IR", IRAN),                # full-width digits
    ("+98 918-123-4567", "IR", IRAN),
    ("+98 918-123-4567", None, IRAN),                   # a country code needs no region
    ("+۹۸ ۹۱۸ ۱۲۳ ۴۵۶۷", None, IRAN),
    ("+98 (0) 918 123 4567", None, IRAN),               # the national 0 inside
    ("00989181234567", "IR", IRAN),                     # the 00 prefix
    ("00989181234567", None, IRAN),                     # ... kept by the digit rule
    ("00989181234567", "US", IRAN),                     # not the US prefix: digit rule
    ("0918 123 4567", "US", "09181234567"),             # not a US number: digit rule
    ("0918 123 4567", None, "09181234567"),             # no region: the digits as typed
    ("030 1234567", "DE", "+49301234567"),
    ("12345", "IR", "12345"),                           # too short, invalid: digit rule
    ("+98 12", None, "+9812"),                          # invalid with a +: digit rule
    ("", "IR", ""),
    ("  ", None, ""),
]


@pytest.mark.parametrize(("typed", "region", "expected"), PHONES)
def test_it_normalizes_a_phone(typed, region, expected):
    assert normalize_phone(typed, region) == expected


def test_it_folds_digits_and_separators_only():
    assert fold_phone("۰۹۱۸ ۱۲۳-۴۵۶۷") == "09181234567"
    assert fold_phone("+98 (918) 123") == "+98918123"


def test_it_indexes_every_spelling_of_a_number_alike():
    ring = new_keyring()
    spellings = ["0918 123 4567", "۰۹۱۸۱۲۳۴۵۶۷", "+98 918 123 4567", "00989181234567"]
    indexes = {blind_index(s, scope_salt="org", kind="phone", keyring=ring, region="IR")
               for s in spellings}
    assert len(indexes) == 1 and "" not in indexes


EMAILS = [
    ("sara@example.org", "sara@example.org"),
    ("  Sara@Example.ORG ", "sara@example.org"),
    ("sara @ example.org", "sara@example.org"),         # spaces inside
    ("sara\u00a0@example.org", "sara@example.org"),     # a no-break space
    ("sara\u200b@example.org", "sara@example.org"),     # a zero-width space
    ("ＳＡＲＡ＠example.org", "sara@example.org"),        # full-width letters and at sign
    ("", ""),
]


@pytest.mark.parametrize(("typed", "expected"), EMAILS)
def test_it_normalizes_an_email(typed, expected):
    assert normalize_email(typed) == expected
