"""Key custody (issue 9, build 7): start-up never mints a key over sealed data and refuses a
key that does not open it; the health check and every page say so, never a 500.

Before this, a missing key file was silently replaced by a new key at start (every identity
unreadable) and a damaged key passed the health check while every reveal answered 500.
"""

import base64
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from people.models import Person
from vault import custody
from vault.keyring import new_keyring, parse_keyring, write_keyring_file
from vault.models import KeyCheck
from vault.tests.helpers import key_events

pytestmark = pytest.mark.django_db

REFUSED = "identity key does not open the stored data"


def _keyring_json(key_id: str, key: bytes) -> str:
    return json.dumps({"current": key_id, "keys": {key_id: base64.b64encode(key).decode()}})


@pytest.fixture(autouse=True)
def _verdict_of_each_test():
    """Each test looks at its own key; the process's cached verdict comes back after it."""
    saved = custody._last
    custody.forget_verdict()
    yield
    custody._last = saved


@pytest.fixture
def checked(world):
    """The test key's check value stored, as a started install has it."""
    custody.record_check(custody.get_keyring())
    return world


@pytest.fixture
def damaged_key(settings):
    """The same key id, other bytes: a damaged or hand-edited key file."""
    settings.NUCLEUS_IDENTITY_KEY = _keyring_json("test0001", b"x" * 32)


@pytest.fixture
def missing_key_file(settings, tmp_path):
    settings.NUCLEUS_IDENTITY_KEY = None
    settings.NUCLEUS_IDENTITY_KEY_FILE = tmp_path / "private" / "identity.key"
    return settings.NUCLEUS_IDENTITY_KEY_FILE


def _init() -> str:
    out = StringIO()
    call_command("init_identity_key", stdout=out)
    return out.getvalue()


# --- start-up ---

def test_it_refuses_to_mint_a_key_when_sealed_rows_exist(world, missing_key_file):
    sealed = custody.sealed_row_count()
    assert sealed >= Person.objects.count() > 0
    with pytest.raises(CommandError) as refused:
        _init()
    message = str(refused.value)
    assert f"{missing_key_file} is missing" in message and f"holds {sealed} rows" in message
    assert f"Restore the identity key file from custody to {missing_key_file}" in message
    assert not missing_key_file.exists()
    assert not missing_key_file.parent.exists() or not any(missing_key_file.parent.iterdir())
    assert not KeyCheck.objects.exists()
    event = key_events("refused_start").get()
    assert event.detail["reason"] == "missing"


def test_it_refuses_to_mint_a_key_when_check_values_remain(checked, missing_key_file):
    # Even with no sealed row left, a check value says a key sealed data here.
    for model, fields in custody._sealed_columns():
        model._base_manager.update(**{f.name: "" for f in fields})
    with pytest.raises(CommandError, match="check values of key\\(s\\) test0001"):
        _init()
    assert not missing_key_file.exists()


def test_it_refuses_a_replaced_key_file(checked, missing_key_file):
    write_keyring_file(missing_key_file, new_keyring())
    before = missing_key_file.read_text()
    with pytest.raises(CommandError, match="sealed with key\\(s\\) test0001, which the file"):
        _init()
    assert missing_key_file.read_text() == before
    assert list(KeyCheck.objects.values_list("key_id", flat=True)) == ["test0001"]
    assert key_events("refused_start").get().detail["reason"] == "wrong"


def test_it_refuses_a_damaged_key_that_has_a_check_value(checked, damaged_key):
    with pytest.raises(CommandError, match="does not open its stored check value"):
        _init()


def test_it_refuses_a_damaged_key_without_a_check_value_by_opening_the_rows(world, damaged_key):
    # An install from before check values: the rows themselves are the test.
    with pytest.raises(CommandError, match="does not open the stored data"):
        _init()
    assert not KeyCheck.objects.exists()


def test_it_stores_the_check_value_of_a_key_that_opens_every_row(world):
    assert "opens the stored data" in _init()
    ring = custody.get_keyring()
    assert custody.opens(ring, "test0001", KeyCheck.objects.get(key_id="test0001").check_value)
    assert custody.inspect().state is custody.State.OK


def test_it_refuses_to_rotate_from_a_damaged_key(checked, damaged_key, settings, tmp_path):
    path = tmp_path / "identity.key"
    write_keyring_file(path, parse_keyring(settings.NUCLEUS_IDENTITY_KEY, "damaged"))
    settings.NUCLEUS_IDENTITY_KEY, settings.NUCLEUS_IDENTITY_KEY_FILE = None, path
    before = path.read_text()
    with pytest.raises(CommandError, match="does not open its stored check value"):
        call_command("rotate_identity_keys", "--no-progress", stdout=StringIO(),
                     stderr=StringIO())
    assert path.read_text() == before


# --- the health check ---

def test_it_reports_a_damaged_key_in_the_health_check(checked, damaged_key, login):
    response = login(None).get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["identity_key"] == REFUSED and body["status"] == "unavailable"
    assert "identity_key_detail" not in body  # nothing more for anonymous callers


def test_it_reports_a_missing_key_in_the_health_check(world, missing_key_file, client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["identity_key"] == REFUSED


def test_it_tells_an_install_administrator_what_to_do(checked, missing_key_file, client):
    admin = User.objects.create_superuser("keeper", password="a long enough passphrase")
    client.force_login(admin)
    body = client.get(reverse("healthz")).json()
    assert f"Restore the identity key file from custody to {missing_key_file}" \
        in body["identity_key_detail"]


def test_it_reports_a_good_key_as_ok(checked, client):
    assert client.get(reverse("healthz")).json()["identity_key"] == "ok"


# --- pages ---

def test_it_serves_no_page_with_a_damaged_key(checked, damaged_key, login):
    response = login(None).get(reverse("login"))
    assert response.status_code == 503
    assert "restore the identity key file from custody" in response.content.decode()
    assert login(None).get(reverse("login")).status_code == 503
    event = key_events("refused_start").get()  # once per process and key, not per request
    assert (event.detail["reason"], event.detail["by"]) == ("wrong", "web server")


def test_it_answers_a_reveal_with_a_wrong_key_with_a_clear_page_not_a_500(world, damaged_key,
                                                                           login):
    # No check value yet (an install from before them): the page gate lets the request
    # through, and the reveal itself fails to decrypt.
    person = world.people["alias-cella-1"]
    client = login(world.user("cell_secretary"))
    client.raise_request_exception = False
    response = client.post(reverse("people:person_reveal", args=[person.uid]))
    assert response.status_code == 503
    content = response.content.decode()
    assert "The identity key does not open the stored data" in content
    assert world.identities["alias-cella-1"].legal_name not in content


def test_it_answers_an_api_reveal_with_a_wrong_key_in_json_not_a_500(world, damaged_key,
                                                                     login):
    person = world.people["alias-cella-1"]
    client = login(world.user("cell_secretary"))
    client.raise_request_exception = False
    response = client.post(f"/api/people/{person.uid}/reveal/")
    assert response.status_code == 503
    assert response.json() == {"detail": REFUSED}


def test_it_serves_pages_again_once_the_key_is_restored(checked, settings, login):
    good = settings.NUCLEUS_IDENTITY_KEY
    settings.NUCLEUS_IDENTITY_KEY = _keyring_json("test0001", b"x" * 32)
    assert login(None).get(reverse("login")).status_code == 503
    settings.NUCLEUS_IDENTITY_KEY = good
    assert login(None).get(reverse("login")).status_code == 200


# --- rotation ---

def test_it_gives_the_new_key_a_check_value_when_rotating(checked, settings, tmp_path):
    path = tmp_path / "identity.key"
    write_keyring_file(path, parse_keyring(settings.NUCLEUS_IDENTITY_KEY, "test key"))
    settings.NUCLEUS_IDENTITY_KEY, settings.NUCLEUS_IDENTITY_KEY_FILE = None, path
    call_command("rotate_identity_keys", "--no-progress", stdout=StringIO(), stderr=StringIO())
    new = parse_keyring(path.read_text(), "rotated")
    check = KeyCheck.objects.get()
    assert check.key_id == new.current != "test0001"
    assert custody.opens(new, new.current, check.check_value)
    assert custody.inspect().state is custody.State.OK
    event = key_events("rotated").get()
    assert (event.detail["old_key_id"], event.detail["new_key_id"]) == ("test0001", new.current)
