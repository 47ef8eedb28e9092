import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _url(world, org: str = "rp") -> str:
    return reverse("people:person_lookup", kwargs={"pk": world.orgs[org].pk})


def test_it_answers_404_outside_the_scope(world, login):
    client = login(world.user("outsider"))
    assert client.get(_url(world)).status_code == 404
    assert client.post(_url(world), {"phone": "+98 912 000 1111"}).status_code == 404


def test_it_finds_a_person_by_phone_in_any_spelling(world, login):
    response = login(world.user("cell_member")).post(_url(world), {"phone": "+989120001111"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "alias-cella-1" in body
    assert "alias-cella-2" not in body
    assert "no-store" in response["Cache-Control"]


def test_it_finds_a_person_by_email(world, login):
    response = login(world.user("cell_member")).post(_url(world), {"email": "Cell_A2@example.org"})
    assert "alias-cella-2" in response.content.decode()


def test_it_lists_only_people_the_user_may_see(world, login):
    # Every cell shares the phone numbers of the cast; Cell B's secretary sees only Cell B.
    response = login(world.user("sibling_secretary")).post(_url(world),
                                                           {"email": "cell_a1@example.org"})
    body = response.content.decode()
    assert "alias-cella-1" not in body
    assert "No match among the people you may see." in body


def test_it_keeps_the_search_out_of_the_address(world, login):
    response = login(world.user("cell_member")).get(_url(world) + "?phone=%2B989120001111")
    assert "alias-cella-1" not in response.content.decode()


def test_it_rejects_an_empty_search(world, login):
    response = login(world.user("cell_member")).post(_url(world), {})
    assert "Enter a phone number or an email address." in response.content.decode()


def test_it_rejects_an_invalid_phone(world, login):
    response = login(world.user("cell_member")).post(_url(world), {"phone": "12"})
    assert "A phone number has 5 to 15 digits." in response.content.decode()


def test_it_rejects_an_invalid_email(world, login):
    response = login(world.user("cell_member")).post(_url(world), {"email": "x@"})
    assert "Enter a valid email address." in response.content.decode()
