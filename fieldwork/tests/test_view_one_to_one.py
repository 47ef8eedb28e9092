"""The short phone form after a talk: contact, member, date, outcome, follow-up, notes."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fieldwork.actions import reveal_activity_notes
from fieldwork.models import Activity
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


def _url(fw):
    return reverse("fieldwork:one_to_one", kwargs={"uid": fw.field.uid})


def _post(fw, login, contact, **data):
    values = {"contact": contact.uid, "member": fw.member.uid,
              "date": timezone.localdate().isoformat(), "outcome": "", "follow_up_on": "",
              "notes": ""}
    values.update(data)
    return login(fw.secretary).post(_url(fw), values)


def test_it_has_six_inputs_at_most_and_today_as_date(fw, login):
    fw.contact("c-1")
    body = login(fw.secretary).get(_url(fw)).content.decode()
    form = body[body.index('<form method="post" class="fw-form'):]
    form = form[:form.index("</form>")]
    inputs = re.findall(r"<(?:input|select|textarea)\b(?![^>]*type=\"hidden\")", form)
    assert len(inputs) <= 6
    assert f'value="{timezone.localdate().isoformat()}"' in form


def test_it_preselects_the_contact_from_the_wall_chart(fw, login):
    contact = fw.contact("c-1")
    body = login(fw.secretary).get(f"{_url(fw)}?contact={contact.uid}").content.decode()
    assert f'<option value="{contact.uid}" selected>' in body


def test_it_records_a_one_to_one(fw, login):
    contact = fw.contact("c-1")
    later = timezone.localdate() + timedelta(days=5)
    response = _post(fw, login, contact, outcome="will come", follow_up_on=later.isoformat(),
                     notes="afraid of the foreman")
    assert response.status_code == 302
    assert response["Location"] == reverse("fieldwork:wall_chart", kwargs={"uid": fw.field.uid})
    activity = Activity.objects.get()
    assert (activity.kind, activity.field, activity.follow_up_on) == ("one_to_one", fw.field,
                                                                      later)
    assert list(activity.members.all()) == [fw.member]
    assert "foreman" not in activity.notes_sealed
    assert "will come" not in activity.outcome_sealed and activity.outcome_sealed
    text = reveal_activity_notes(acting_user=fw.secretary, activity=activity)
    assert (text.notes, text.outcome) == ("afraid of the foreman", "will come")


def test_it_rejects_a_future_date(fw, login):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = _post(fw, login, fw.contact("c-1"), date=tomorrow.isoformat())
    assert "The date cannot be in the future." in response.content.decode()
    assert not Activity.objects.exists()


def test_it_rejects_a_follow_up_before_the_talk(fw, login):
    response = _post(fw, login, fw.contact("c-1"), date=days_ago(1).isoformat(),
                     follow_up_on=days_ago(3).isoformat())
    assert "The follow-up cannot be before the activity." in response.content.decode()
    assert not Activity.objects.exists()


def test_it_rejects_a_member_from_another_unit(fw, login):
    response = _post(fw, login, fw.contact("c-1"), member=fw.world.people["alias-cellb-1"].pk)
    assert "Choose members of this unit only" in response.content.decode()
    assert not Activity.objects.exists()


def test_it_rejects_a_contact_of_another_field(fw, login):
    depot = fw.new_field("Depot")
    response = _post(fw, login, fw.contact("c-depot", field=depot))
    assert "Choose contacts of this field only" in response.content.decode()
    assert not Activity.objects.exists()


def test_it_rejects_a_malformed_date(fw, login):
    response = _post(fw, login, fw.contact("c-1"), date="31/31/2024")
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Activity.objects.exists()
