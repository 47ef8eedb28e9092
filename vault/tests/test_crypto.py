"""AES-256-GCM sealing bound to its row, and blind indexes keyed per organization."""

import base64

import pytest

from vault.crypto import (
    DecryptionError,
    blind_index,
    decrypt,
    decrypt_json,
    encrypt,
    encrypt_json,
    key_id_of,
    normalize_phone,
)
from vault.keyring import Keyring, KeyringError, new_keyring


@pytest.fixture
def ring() -> Keyring:
    return new_keyring()


def test_it_roundtrips_text(ring):
    token = encrypt("Legal Name — نام قانونی", aad="person:1", keyring=ring)
    assert decrypt(token, aad="person:1", keyring=ring) == "Legal Name — نام قانونی"


def test_it_roundtrips_json(ring):
    data = {"legal_name": "Sara", "phone": "+98 912 000 1111"}
    token = encrypt_json(data, aad="person:1", keyring=ring)
    assert decrypt_json(token, aad="person:1", keyring=ring) == data
    assert decrypt_json("", aad="person:1", keyring=ring) == {}


def test_it_hides_the_plaintext_and_uses_a_fresh_nonce(ring):
    first = encrypt("Sara Example", aad="person:1", keyring=ring)
    second = encrypt("Sara Example", aad="person:1", keyring=ring)
    assert first != second
    assert "Sara" not in first
    assert key_id_of(first) == ring.current


def test_it_rejects_a_tampered_ciphertext(ring):
    token = encrypt("Sara Example", aad="person:1", keyring=ring)
    key_id, _, body = token.partition("$")
    raw = bytearray(base64.b64decode(body))
    raw[20] ^= 0x01
    tampered = f"{key_id}${base64.b64encode(bytes(raw)).decode()}"
    with pytest.raises(DecryptionError, match="tampered"):
        decrypt(tampered, aad="person:1", keyring=ring)


def test_it_rejects_a_ciphertext_moved_to_another_row(ring):
    token = encrypt("Sara Example", aad="person:1", keyring=ring)
    with pytest.raises(DecryptionError):
        decrypt(token, aad="person:2", keyring=ring)


def test_it_rejects_a_ciphertext_under_another_key(ring):
    token = encrypt("Sara Example", aad="person:1", keyring=ring)
    with pytest.raises(KeyringError, match="not in the keyring"):
        decrypt(token, aad="person:1", keyring=new_keyring())


def test_it_decrypts_with_an_older_key_of_the_ring(ring):
    token = encrypt("Sara Example", aad="person:1", keyring=ring)
    rotated = ring.with_new_key()
    assert rotated.current != ring.current
    assert decrypt(token, aad="person:1", keyring=rotated) == "Sara Example"


@pytest.mark.parametrize("spelling", ["+98 912-000 1111", "0098 912 000 1111", "+989120001111",
                                      " +98 (912) 000.1111 "])
def test_it_normalizes_phone_spellings(spelling):
    assert normalize_phone(spelling) == "+989120001111"


def test_it_indexes_spellings_of_a_phone_equally(ring):
    one = blind_index("+98 912-000 1111", scope_salt="org-a", kind="phone", keyring=ring)
    two = blind_index("0098 912 000 1111", scope_salt="org-a", kind="phone", keyring=ring)
    assert one == two
    assert one != blind_index("+98 912 000 2222", scope_salt="org-a", kind="phone", keyring=ring)


def test_it_indexes_emails_case_insensitively(ring):
    assert (blind_index(" Sara@Example.org", scope_salt="s", kind="email", keyring=ring)
            == blind_index("sara@example.org", scope_salt="s", kind="email", keyring=ring))


def test_it_gives_unrelated_indexes_in_two_organizations(ring):
    one = blind_index("+98 912 000 1111", scope_salt="org-a", kind="phone", keyring=ring)
    two = blind_index("+98 912 000 1111", scope_salt="org-b", kind="phone", keyring=ring)
    assert one and two and one != two


def test_it_indexes_nothing_for_an_empty_value(ring):
    assert blind_index("", scope_salt="s", kind="phone", keyring=ring) == ""
    assert blind_index(" + ", scope_salt="s", kind="phone", keyring=ring) == ""
    assert blind_index("", scope_salt="s", kind="email", keyring=ring) == ""


@pytest.mark.django_db
def test_it_indexes_the_same_phone_differently_in_two_organizations(world):
    # The cast gives alias-cella-1 (Red Party) and alias-cellx-1 (Other Party) one phone.
    red, other = world.people["alias-cella-1"], world.people["alias-cellx-1"]
    assert world.identities["alias-cella-1"].phone == world.identities["alias-cellx-1"].phone
    assert red.phone_index and other.phone_index
    assert red.phone_index != other.phone_index
    assert red.unit.organization.index_salt != other.unit.organization.index_salt
