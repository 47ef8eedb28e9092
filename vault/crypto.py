"""Authenticated encryption of identity data and blind indexes for exact lookup.

Ciphertexts are ``"<key id>$<base64(nonce + AES-256-GCM ciphertext)>"``. The associated data
binds a ciphertext to its row and purpose, so a value copied into another row fails to decrypt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import unicodedata
from functools import lru_cache
from typing import Any

import phonenumbers
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from phonenumbers import NumberParseException, PhoneNumberFormat

from vault.keyring import Keyring, KeyringError, get_keyring


class DecryptionError(KeyringError):
    pass


def encrypt(plaintext: str, *, aad: str, keyring: Keyring | None = None) -> str:
    ring = keyring or get_keyring()
    nonce = os.urandom(12)
    sealed = AESGCM(ring.current_key).encrypt(nonce, plaintext.encode(), aad.encode())
    return f"{ring.current}${base64.b64encode(nonce + sealed).decode()}"


def decrypt(token: str, *, aad: str, keyring: Keyring | None = None) -> str:
    ring = keyring or get_keyring()
    key_id, _, body = token.partition("$")
    raw = base64.b64decode(body)
    try:
        return AESGCM(ring.key(key_id)).decrypt(raw[:12], raw[12:], aad.encode()).decode()
    except InvalidTag:
        raise DecryptionError("identity data failed authentication (wrong key or tampered)") \
            from None


def key_id_of(token: str) -> str:
    return token.partition("$")[0]


def encrypt_json(data: dict[str, Any], *, aad: str, keyring: Keyring | None = None) -> str:
    return encrypt(json.dumps(data, ensure_ascii=False, sort_keys=True), aad=aad, keyring=keyring)


def decrypt_json(token: str, *, aad: str, keyring: Keyring | None = None) -> dict[str, Any]:
    if not token:
        return {}
    # The token authenticated, so it holds what encrypt_json sealed: a dict.
    data: dict[str, Any] = json.loads(decrypt(token, aad=aad, keyring=keyring))
    return data


def _index_key(scope_salt: str, keyring: Keyring) -> bytes:
    return _derive_index_key(scope_salt, keyring.current_key)


@lru_cache(maxsize=64)
def _derive_index_key(scope_salt: str, master: bytes) -> bytes:
    # One key per organization, derived from the master key and the organization's salt:
    # the same phone in two organizations gives unrelated index values. Cached by both (a
    # new master key derives anew): an import indexes a million values with one key.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=scope_salt.encode(),
                info=b"nucleus blind index").derive(master)


# Separators people type inside a phone number, in Latin, Persian and Arabic writing: spaces
# (the no-break and thin ones too), the zero-width non-joiner and joiner, direction marks,
# dashes (hyphen, en and em dash, minus, Arabic tatweel), dots (the Arabic full stop),
# slashes, parentheses and brackets, the Latin and Arabic commas and the Arabic decimal and
# thousands separators. Removed before parsing; everything else goes to the parser.
_PHONE_SEPARATORS = re.compile(
    "[\\s\u00a0\u2007\u2009\u202f\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069"
    "\\-\u2010-\u2015\u2212\ufe58\ufe63\u0640.\u06d4/()\\[\\],\u060c\u066b\u066c]")


def fold_digits(value: str) -> str:
    """Compatibility forms folded (NFKC: full-width digits and plus) and every decimal digit
    written as an ASCII one: Persian ۰–۹ and Arabic-Indic ٠–٩ typed on a phone keyboard are
    the same number as 0–9."""
    if value.isascii():  # NFKC leaves ASCII as it is, and its digits are ASCII already
        return value
    text = unicodedata.normalize("NFKC", value)
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def fold_phone(value: str) -> str:
    """Digits in ASCII and the separators removed: ``۰۹۱۸ ۱۲۳-۴۵۶۷`` → ``09181234567``."""
    return _PHONE_SEPARATORS.sub("", fold_digits(value))


def _digit_rule(folded: str) -> str:
    # The rule before phone numbers were parsed (kept for what the parser refuses):
    # international when a "+" comes before the first digit ("(+98) 912 ...") or the number
    # starts with the "00" prefix; otherwise the digits as they are.
    first = re.search(r"[\d+]", folded)
    digits = re.sub(r"\D", "", folded)
    if first is not None and first.group() == "+":
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    return digits


def normalize_phone(value: str, region: str | None = None) -> str:
    """The one spelling of a phone number that its blind index hashes.

    Folded first (``fold_phone``), then parsed with Google's numbering metadata
    (``phonenumbers``) taking ``region`` (ISO 3166 alpha-2, the country of the field or unit,
    see ``organizations.regions``) for a number written without its country code, and written
    in E.164: ``0918 123 4567`` in IR, ``+98 918-123-4567`` and ``00989181234567`` are all
    ``+989181234567``. What the parser cannot read as a valid number (a short internal
    number, a number of a plan it does not know yet, no region for a national number) keeps
    the digit rule, so that nothing accepted before is refused or indexed differently."""
    folded = fold_phone(value)
    if not folded:
        return ""
    # A number written with its "+" carries its country: the parser ignores the default
    # region then, so one cache entry serves every region (an import checks each phone
    # without a region, then indexes it with the field's).
    return _parse_folded(folded, None if folded.startswith("+") else (region or "").upper()
                         or None)


@lru_cache(maxsize=16384)
def _parse_folded(folded: str, region: str | None) -> str:
    # Parsing takes some 30 µs a number; an import asks for each phone several times.
    try:
        parsed = phonenumbers.parse(folded, region)
    except NumberParseException:
        return _digit_rule(folded)
    if not phonenumbers.is_valid_number(parsed):
        return _digit_rule(folded)
    return str(phonenumbers.format_number(parsed, PhoneNumberFormat.E164))


# Spaces and invisible marks a phone keyboard or a copied address leaves inside an email.
_EMAIL_SPACES = re.compile("[\\s\u00a0\u200b-\u200f\u2060\ufeff]")


def normalize_email(value: str) -> str:
    """Compatibility forms folded (NFKC: full-width letters, ``＠``), lower case, no spaces
    anywhere: ``  Ali.Rezaei @Example.org`` → ``ali.rezaei@example.org``."""
    return _EMAIL_SPACES.sub("", unicodedata.normalize("NFKC", value)).lower()


def normalized(value: str, kind: str, region: str | None = None) -> str:
    """The spelling a blind index of ``kind`` ("phone" or "email") hashes."""
    if kind == "phone":
        return normalize_phone(value, region)
    if kind == "email":
        return normalize_email(value)
    raise KeyError(kind)


def lookup_keyrings(keyring: Keyring | None = None) -> list[Keyring]:
    """The keyring, then each other key it holds alone: while a rotation is under way
    (vault/rotation.py) a row not yet re-sealed keeps the old key's blind indexes, so an
    exact lookup hashes under every key the file holds."""
    ring = keyring or get_keyring()
    return [ring, *(Keyring(current=k, keys={k: v}) for k, v in sorted(ring.keys.items())
                    if k != ring.current)]


def blind_index(value: str, *, scope_salt: str, kind: str, keyring: Keyring | None = None,
                region: str | None = None) -> str:
    """A keyed hash for exact lookup; empty values index to the empty string. ``region`` is
    the default country of a phone number written without its code."""
    normalized_value = normalized(value, kind, region)
    if not normalized_value or normalized_value == "+":
        return ""
    ring = keyring or get_keyring()
    digest = hmac.new(_index_key(scope_salt, ring), f"{kind}:{normalized_value}".encode(),
                      hashlib.sha256)
    return digest.hexdigest()[:40]
