"""Downloading the contacts a user may see in a unit's subtree, as CSV."""

import csv
import io

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts(fw):
    from people.models import Identity

    fw.contact("c-exp1", part="Rolling mill", identity=Identity(phone="+98 912 777 8899"))
    fw.contact("c-exp2", field=fw.new_field("School 7", unit_key="cell_b"))


def _rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode())))


def _url(fw, key):
    return reverse("fieldwork:export_contacts", kwargs={"uid": fw.world.units[key].uid})


def test_it_downloads_the_contacts_of_the_cell(fw, contacts, login):
    response = login(fw.secretary).get(_url(fw, "cell_a"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response)
    assert [(r["alias"], r["field"], r["part"]) for r in rows] == [
        ("c-exp1", "Steelworks", "Rolling mill")]
    assert "phone" not in rows[0]


def test_it_gives_a_committee_member_only_what_they_may_see(fw, contacts, login):
    response = login(fw.world.user("committee_member")).get(_url(fw, "north"))
    assert _rows(response) == []
    overseer = login(fw.world.user("overseer")).get(_url(fw, "north"))
    assert sorted(r["alias"] for r in _rows(overseer)) == ["c-exp1", "c-exp2"]


def test_it_never_gives_identities_in_the_plain_export(fw, contacts, login):
    client = login(fw.secretary)
    assert client.post(_url(fw, "cell_a"), {"identities": "yes"}).status_code == 405
    response = client.get(_url(fw, "cell_a"))
    assert "phone" not in _rows(response)[0]
    assert "-contacts-" in response["Content-Disposition"]
    assert "identities" not in response["Content-Disposition"]
