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
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

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
    # One key per organization, derived from the master key and the organization's salt:
    # the same phone in two organizations gives unrelated index values.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=scope_salt.encode(),
                info=b"nucleus blind index").derive(keyring.current_key)


def normalize_phone(value: str) -> str:
    # International when a "+" comes before the first digit ("(+98) 912 ...") or the
    # number starts with the "00" prefix.
    first = re.search(r"[\d+]", value)
    digits = re.sub(r"\D", "", value)
    if first is not None and first.group() == "+":
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    return digits


def normalize_email(value: str) -> str:
    return value.strip().lower()


def blind_index(value: str, *, scope_salt: str, kind: str, keyring: Keyring | None = None) -> str:
    """A keyed hash for exact lookup; empty values index to the empty string."""
    normalized = {"phone": normalize_phone, "email": normalize_email}[kind](value)
    if not normalized or normalized == "+":
        return ""
    ring = keyring or get_keyring()
    digest = hmac.new(_index_key(scope_salt, ring), f"{kind}:{normalized}".encode(),
                      hashlib.sha256)
    return digest.hexdigest()[:40]
