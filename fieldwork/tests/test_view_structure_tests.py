"""A structure test of a field, and ticking the contacts who took part."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fieldwork.actions import do_create_structure_test
from fieldwork.models import Participation, StructureTest

pytestmark = pytest.mark.django_db


def _url(name, uid):
    return reverse(f"fieldwork:{name}", kwargs={"uid": uid})


def test_it_creates_a_test_and_goes_on_to_who_took_part(fw, login):
    response = login(fw.secretary).post(_url("structure_test_create", fw.field.uid), {
        "kind": "petition", "title": "Heat petition",
        "held_on": timezone.localdate().isoformat()})
    test = StructureTest.objects.get()
    assert response["Location"] == _url("participation", test.uid)


def test_it_rejects_a_test_in_the_future(fw, login):
    later = timezone.localdate() + timedelta(days=2)
    response = login(fw.secretary).post(_url("structure_test_create", fw.field.uid), {
        "kind": "petition", "title": "Heat petition", "held_on": later.isoformat()})
    assert "The date cannot be in the future." in response.content.decode()
    assert not StructureTest.objects.exists()


@pytest.fixture
def test(fw):
    return do_create_structure_test(acting_user=fw.secretary, field=fw.field, data={
        "kind": "sign_up", "title": "Sign-up", "held_on": timezone.localdate()})


def test_it_records_who_took_part_and_who_did_not(fw, test, login):
    a, b, c = (fw.contact(f"c-p{n}") for n in range(3))
    client = login(fw.secretary)
    body = client.get(_url("participation", test.uid)).content.decode()
    assert all(alias in body for alias in ("c-p0", "c-p1", "c-p2"))
    client.post(_url("participation", test.uid), {"people": [a.uid, b.uid]})
    assert set(Participation.objects.values_list("person_id", flat=True)) == {a.pk, b.pk}
    client.post(_url("participation", test.uid), {"people": [b.uid, c.uid]})
    assert set(Participation.objects.values_list("person_id", flat=True)) == {b.pk, c.pk}


def test_it_rejects_a_contact_of_another_field(fw, test, login):
    stranger = fw.contact("c-else", field=fw.new_field("Depot"))
    response = login(fw.secretary).post(_url("participation", test.uid),
                                        {"people": [stranger.uid]})
    assert "Choose contacts of this field only" in response.content.decode()
    assert not Participation.objects.exists()


def test_a_big_fields_participation_is_typed_one_alias_per_line(fw, test, login, monkeypatch):
    from access import typed_choices

    monkeypatch.setattr(typed_choices, "TYPED_OVER", 3)
    a, b, c, d = (fw.contact(f"c-p{n}") for n in range(4))
    client = login(fw.secretary)
    body = client.get(_url("participation", test.uid)).content.decode()
    assert 'type="checkbox"' not in body and "<textarea" in body
    response = client.post(_url("participation", test.uid), {"people": "c-p1\nc-p2\n"})
    assert response.status_code == 302
    assert set(Participation.objects.values_list("person_id", flat=True)) == {b.pk, c.pk}
    # The recorded ones come back as their aliases, and sent back unchanged they stay.
    body = client.get(_url("participation", test.uid)).content.decode()
    shown = body.split("<textarea", 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]
    assert shown.split() == ["c-p1", "c-p2"]
    client.post(_url("participation", test.uid), {"people": shown + "\nc-p3"})
    assert set(Participation.objects.values_list("person_id", flat=True)) == {b.pk, c.pk, d.pk}
    response = client.post(_url("participation", test.uid), {"people": "nobody-here"})
    assert "No one you can choose here is called" in response.content.decode()
