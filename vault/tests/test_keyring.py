"""Keyring parsing and loading: a wrong or missing key fails loudly and says why."""

import base64
import json

import pytest

from vault.keyring import KeyringError, get_keyring, new_keyring, parse_keyring


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def test_it_parses_what_it_writes():
    ring = new_keyring()
    assert parse_keyring(ring.to_json(), "test") == ring
    assert len(ring.current_key) == 32


@pytest.mark.parametrize(("raw", "message"), [
    ("not json", r"identity key file is not a valid identity keyring"),
    ("[]", r"is not a valid identity keyring"),
    ('{"keys": {}}', r"is not a valid identity keyring \('current'\)"),
    (json.dumps({"current": "a", "keys": {"a": "%%%"}}), r"is not a valid identity keyring"),
    (json.dumps({"current": "b", "keys": {"a": _b64(b"k" * 32)}}),
     r"the current key 'b' is missing from its keys"),
    (json.dumps({"current": "a", "keys": {"a": _b64(b"short")}}), r"every key must be 32 bytes"),
])
def test_it_rejects_a_bad_keyring_with_a_clear_message(raw, message):
    with pytest.raises(KeyringError, match=message):
        parse_keyring(raw, "identity key file")


def test_it_names_the_source_of_a_bad_variable(settings):
    settings.NUCLEUS_IDENTITY_KEY = "{broken"
    with pytest.raises(KeyringError, match="NUCLEUS_IDENTITY_KEY is not a valid identity keyring"):
        get_keyring()


def test_it_explains_a_missing_key_file(settings, tmp_path):
    settings.NUCLEUS_IDENTITY_KEY = None
    settings.NUCLEUS_IDENTITY_KEY_FILE = tmp_path / "identity.key"
    with pytest.raises(KeyringError, match="missing: run 'manage.py init_identity_key'"):
        get_keyring()


def test_it_prefers_the_variable_over_the_file(settings, tmp_path):
    from_file, from_env = new_keyring(), new_keyring()
    path = tmp_path / "identity.key"
    path.write_text(from_file.to_json())
    settings.NUCLEUS_IDENTITY_KEY_FILE = path
    settings.NUCLEUS_IDENTITY_KEY = from_env.to_json()
    assert get_keyring() == from_env
    settings.NUCLEUS_IDENTITY_KEY = None
    assert get_keyring() == from_file
