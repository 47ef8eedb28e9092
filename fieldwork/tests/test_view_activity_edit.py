"""Correcting an activity: the form opens on what was recorded, saves through the action
(audited with old and new values), keeps sealed texts left empty, refuses a stale form and
answers 404 to who may not change it."""

import re

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from fieldwork.actions import do_create_activity
from fieldwork.models import Activity
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk(fw):
    contact = fw.contact("c-edit")
    return do_create_activity(acting_user=fw.secretary, unit=fw.field.unit,
                              data={"kind": "one_to_one", "date": days_ago(4),
                                    "field": fw.field, "outcome": "will come"},
                              members=[fw.member], contacts=[contact], notes="at the gate")


def _url(activity) -> str:
    return reverse("fieldwork:activity_edit", kwargs={"uid": activity.uid})


def _post(activity, **changes) -> dict:
    data = {"kind": activity.kind, "field": activity.field.uid,
            "date": activity.date.isoformat(), "members": [p.uid for p in activity.members.all()],
            "contacts": [p.uid for p in activity.contacts.all()], "version": activity.version,
            "outcome": "", "notes": "", "follow_up_on": ""}
    data.update(changes)
    return data


def test_it_opens_on_what_was_recorded(fw, talk, login):
    page = login(fw.secretary).get(_url(talk)).content.decode()
    assert f'value="{days_ago(4).isoformat()}"' in page
    assert re.search(rf'name="members" value="{fw.member.uid}"[^>]* checked', page)
    assert "will come" not in page and "at the gate" not in page


def test_it_corrects_with_old_and_new_values_and_keeps_the_sealed_texts(fw, talk, login):
    response = login(fw.secretary).post(_url(talk), _post(
        talk, kind="home_visit", date=days_ago(2).isoformat(), next="/somewhere/"))
    assert response.status_code == 302 and response["Location"] == "/somewhere/"
    talk.refresh_from_db()
    assert (talk.kind, talk.date, talk.version) == ("home_visit", days_ago(2), 2)
    assert talk.unseal_outcome() == "will come" and talk.unseal_notes() == "at the gate"
    event = AuditEvent.objects.filter(model="fieldwork.Activity", object_id=talk.pk,
                                      action="update").get()
    assert event.changes["kind"] == ["one_to_one", "home_visit"]
    assert event.changes["date"] == [days_ago(4).isoformat(), days_ago(2).isoformat()]


def test_it_replaces_a_sealed_text_that_is_typed(fw, talk, login):
    login(fw.secretary).post(_url(talk), _post(talk, outcome="signed"))
    talk.refresh_from_db()
    assert talk.unseal_outcome() == "signed" and talk.unseal_notes() == "at the gate"


def test_it_refuses_a_form_opened_before_another_change(fw, talk, login):
    client = login(fw.secretary)
    stale = _post(talk, kind="home_visit")
    client.post(_url(talk), _post(talk, date=days_ago(1).isoformat()))
    response = client.post(_url(talk), stale)
    assert response.status_code == 200
    assert Activity.objects.get(pk=talk.pk).kind == "one_to_one"


def test_it_answers_404_to_who_may_not_change_it(fw, talk, login):
    for name in ("sibling_secretary", "committee_member", "outsider"):
        assert login(fw.world.user(name)).get(_url(talk)).status_code == 404
