"""POST /organizations/<pk>/people/lookup/: finding a person by phone or email is an identity
read (issue #9: a member without identity access confirmed 12 of 12 known phones, unaudited).
"""

import re
from uuid import uuid4

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from people.actions import do_create_person
from people.models import Identity
from people.tests.test_unit_people import _render

pytestmark = pytest.mark.django_db

KNOWN_PHONES = [f"+98 935 100 {n:04d}" for n in range(12)]


def _url(world, org: str = "rp") -> str:
    return reverse("people:person_lookup", kwargs={"uid": world.orgs[org].uid})


def _lookup_rows():
    # JSON containment is not on SQLite: filter the (few) reveal rows in Python.
    rows = AuditEvent.objects.filter(action="reveal")
    return [row for row in rows if "lookup" in row.fields]


def _page(response) -> str:
    # The CSRF token is masked afresh on every page; nothing else may differ.
    body = re.sub(r'"X-CSRFToken": "[^"]*"', "", response.content.decode())
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)


def _twelve_known(world) -> dict[str, str]:
    """Twelve people of Cell A whose phones an employer's list would hold: phone -> alias."""
    known = {}
    for n, phone in enumerate(KNOWN_PHONES):
        alias = f"alias-known-{n}"
        do_create_person(acting_user=None, unit=world.units["cell_a"],
                         data={"alias": alias, "status": "member"},
                         identity=Identity(phone=phone))
        known[phone] = alias
    return known


def _confirmations(client, world, known: dict[str, str]) -> int:
    confirmed = 0
    for phone, alias in known.items():
        response = client.post(_url(world), {"phone": phone})
        if alias in response.content.decode():
            confirmed += 1
    return confirmed


def test_it_confirms_no_known_phone_without_the_identity_right(world, login):
    known = _twelve_known(world)
    client = login(world.user("cell_member"))  # sees Cell A's aliases, not identities
    assert _confirmations(client, world, known) == 0
    # The answer does not depend on whether the number is known: same status, same body.
    hit = client.post(_url(world), {"phone": KNOWN_PHONES[0]})
    miss = client.post(_url(world), {"phone": "+98 935 999 9999"})
    missing_url = reverse("people:person_lookup", kwargs={"uid": uuid4()})
    missing = client.post(missing_url, {"phone": KNOWN_PHONES[0]})
    assert hit.status_code == miss.status_code == missing.status_code == 404
    assert _page(hit) == _page(miss) == _page(missing).replace(missing_url, _url(world))
    assert not _lookup_rows()


@pytest.mark.parametrize("name", ["cell_member", "overseer", "committee_member",
                                  "coalition_office", "outsider"])
def test_it_answers_404_without_any_reveal_right_in_the_organization(world, login, name):
    client = login(world.user(name))
    assert client.get(_url(world)).status_code == 404
    assert client.post(_url(world), {"phone": "+98 912 000 1111"}).status_code == 404
    assert not _lookup_rows()


def test_it_finds_every_known_phone_with_the_right_and_audits_each_lookup(world, login):
    known = _twelve_known(world)
    user = world.user("cell_secretary")
    assert _confirmations(login(user), world, known) == 12
    rows = _lookup_rows()
    assert len(rows) == 12
    assert {row.object_id for row in rows} == {
        p.pk for p in world.units["cell_a"].people.filter(alias__in=known.values())}
    for row in rows:
        assert row.actor == user and row.model == "people.Person"
        assert row.fields == ["lookup", "phone"]
        assert row.unit_id == world.units["cell_a"].pk
        # Never the number itself, in any spelling.
        text = f"{row.fields} {row.changes}"
        assert not any(p in text or p.replace(" ", "") in text for p in KNOWN_PHONES)


def test_it_audits_a_lookup_that_matched_nobody(world, login):
    user = world.user("cell_secretary")
    response = login(user).post(_url(world), {"email": "nobody@example.org"})
    assert "No match among the people whose identities you may see." in response.content.decode()
    [row] = _lookup_rows()
    assert (row.actor, row.model, row.object_id) == (
        user, "organizations.Organization", world.orgs["rp"].pk)
    assert row.fields == ["email", "lookup"]
    assert row.unit_id == world.units["cell_a"].pk
    assert "nobody@example.org" not in str(row.changes)


def test_it_finds_a_person_by_phone_in_any_spelling(world, login):
    response = login(world.user("cell_secretary")).post(_url(world), {"phone": "+989120001111"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "alias-cella-1" in body
    assert "alias-cella-2" not in body
    assert "no-store" in response["Cache-Control"]


def test_it_finds_a_person_by_email(world, login):
    response = login(world.user("cell_secretary")).post(_url(world),
                                                        {"email": "Cell_A2@example.org"})
    assert "alias-cella-2" in response.content.decode()


def test_it_searches_only_where_the_user_may_reveal(world, login):
    # Every cell shares the phone numbers of the cast; Cell B's secretary reveals only Cell B.
    response = login(world.user("sibling_secretary")).post(_url(world),
                                                           {"email": "cell_a1@example.org"})
    body = response.content.decode()
    assert "alias-cella-1" not in body
    assert "No match among the people whose identities you may see." in body
    response = login(world.user("sibling_secretary")).post(_url(world),
                                                           {"phone": "+98 912 000 1111"})
    body = response.content.decode()
    assert "alias-cellb-1" in body and "alias-cella-1" not in body


def test_it_offers_the_lookup_only_with_the_right(world):
    url = _url(world)
    assert url in _render(world, "cell_secretary")
    assert url not in _render(world, "cell_member")


def test_it_keeps_the_search_out_of_the_address(world, login):
    response = login(world.user("cell_secretary")).get(_url(world) + "?phone=%2B989120001111")
    assert "alias-cella-1" not in response.content.decode()
    assert not _lookup_rows()


def test_it_rejects_an_empty_search(world, login):
    response = login(world.user("cell_secretary")).post(_url(world), {})
    assert "Enter a phone number or an email address." in response.content.decode()
    assert not _lookup_rows()


def test_it_rejects_an_invalid_phone(world, login):
    response = login(world.user("cell_secretary")).post(_url(world), {"phone": "12"})
    assert "A phone number has 5 to 15 digits." in response.content.decode()


def test_it_rejects_an_invalid_email(world, login):
    response = login(world.user("cell_secretary")).post(_url(world), {"email": "x@"})
    assert "Enter a valid email address." in response.content.decode()
