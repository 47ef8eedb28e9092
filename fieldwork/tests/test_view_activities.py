"""The full activity form, marking a follow-up done, and revealing sealed notes by POST."""

import pytest
from django.urls import reverse

from fieldwork.actions import do_record_one_to_one
from fieldwork.models import Activity
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


def _url(name, uid):
    return reverse(f"fieldwork:{name}", kwargs={"uid": uid})


def _post(fw, login, **data):
    values = {"kind": "distribution", "field": fw.field.uid, "date": days_ago(1).isoformat()}
    values.update(data)
    return login(fw.secretary).post(_url("activity_create", fw.field.unit.uid), values)


def test_it_records_a_distribution_with_members_and_contacts(fw, login):
    contact = fw.contact("c-1")
    response = _post(fw, login, quantity="150", members=[fw.member.uid], contacts=[contact.uid],
                     notes="at the gate, 6am")
    assert response.status_code == 302
    assert response["Location"] == _url("field_detail", fw.field.uid)
    activity = Activity.objects.get()
    assert (activity.quantity, list(activity.members.all()), list(activity.contacts.all())) == (
        150, [fw.member], [contact])
    assert activity.unseal_notes() == "at the gate, 6am"


def test_it_asks_how_many_were_distributed(fw, login):
    response = _post(fw, login)
    assert "Say how many were distributed." in response.content.decode()
    assert not Activity.objects.exists()


def test_it_rejects_a_quantity_for_another_kind(fw, login):
    response = _post(fw, login, kind="home_visit", quantity="3")
    assert "Only a distribution has a quantity." in response.content.decode()
    assert not Activity.objects.exists()


def test_it_rejects_a_member_from_another_unit(fw, login):
    response = _post(fw, login, quantity="5", members=[fw.world.people["alias-cellb-1"].pk])
    assert "Choose members of this unit only" in response.content.decode()
    assert not Activity.objects.exists()


def test_it_rejects_a_follow_up_before_the_activity(fw, login):
    response = _post(fw, login, quantity="5", follow_up_on=days_ago(2).isoformat())
    assert "The follow-up cannot be before the activity." in response.content.decode()
    assert not Activity.objects.exists()


@pytest.fixture
def talk(fw):
    return do_record_one_to_one(acting_user=fw.secretary, unit=fw.field.unit,
                                contact=fw.contact("c-talk"), member=fw.member,
                                date=days_ago(3), follow_up_on=days_ago(1),
                                notes="wants the union meeting moved")


def test_it_marks_a_follow_up_done(fw, talk, login):
    client = login(fw.secretary)
    assert client.get(_url("follow_up_done", talk.uid)).status_code == 405
    response = client.post(_url("follow_up_done", talk.uid))
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.follow_up_done
    client.post(_url("follow_up_done", talk.uid), {"done": "0"})
    talk.refresh_from_db()
    assert not talk.follow_up_done


def test_it_reveals_the_notes_only_on_post(fw, talk, login):
    client = login(fw.secretary)
    assert client.get(_url("activity_notes", talk.uid)).status_code == 405
    response = client.post(_url("activity_notes", talk.uid))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "wants the union meeting moved" in response.content.decode()
    fragment = client.post(_url("activity_notes", talk.uid), headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode()
    assert "wants the union meeting moved" in fragment.content.decode()


def test_it_shows_the_notes_button_on_the_field_page(fw, talk, login):
    body = login(fw.secretary).get(_url("field_detail", fw.field.uid)).content.decode()
    assert _url("activity_notes", talk.uid) in body
    assert "wants the union" not in body


def test_it_audits_every_read_of_activity_notes(fw, talk, login):
    from audit.models import AuditEvent

    def reveals() -> int:
        return AuditEvent.objects.filter(action="reveal", model="fieldwork.Activity",
                                         object_id=talk.pk).count()

    before = reveals()
    response = login(fw.secretary).post(_url("activity_notes", talk.uid))
    assert "wants the union meeting moved" in response.content.decode()
    assert reveals() == before + 1
    event = AuditEvent.objects.filter(model="fieldwork.Activity", object_id=talk.pk).first()
    assert event.actor == fw.secretary and event.fields == ["notes"]
