"""Correcting an assessment: level, date and note; old and new values audited, the current
level kept in step, a stale form refused, 404 for who may not change it."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from fieldwork.models import Assessment, ContactProfile
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(fw):
    person = fw.contact("c-assess-edit")
    fw.assess(person, 3, days_ago(6))
    return person, fw.assess(person, 2, days_ago(2))


def _url(assessment) -> str:
    return reverse("fieldwork:assessment_edit", kwargs={"uid": assessment.uid})


def test_it_opens_on_the_level_and_date(fw, assessed, login):
    _person, latest = assessed
    page = login(fw.secretary).get(_url(latest)).content.decode()
    assert f'value="{days_ago(2).isoformat()}"' in page
    assert 'value="2" selected' in page or 'value="2" aria-pressed' in page


def test_it_corrects_the_latest_and_the_current_level_follows(fw, assessed, login):
    person, latest = assessed
    response = login(fw.secretary).post(_url(latest), {
        "level": 1, "assessed_on": days_ago(1).isoformat(), "note": "",
        "version": latest.version})
    assert response.status_code == 302
    assert response["Location"] == reverse("fieldwork:contact", kwargs={"uid": person.uid})
    event = AuditEvent.objects.get(model="fieldwork.Assessment", object_id=latest.pk,
                                   action="update")
    assert event.changes["assessed_on"] == [days_ago(2).isoformat(), days_ago(1).isoformat()]
    assert "level" in event.changes
    profile = ContactProfile.objects.get(person=person)
    assert (profile.current_level.value, profile.current_assessed_on) == (1, days_ago(1))


def test_it_refuses_a_stale_form(fw, assessed, login):
    _person, latest = assessed
    client = login(fw.secretary)
    client.post(_url(latest), {"level": 4, "assessed_on": days_ago(2).isoformat(),
                               "version": latest.version})
    response = client.post(_url(latest), {"level": 5, "assessed_on": days_ago(2).isoformat(),
                                          "version": latest.version})
    assert response.status_code == 200
    assert Assessment.objects.get(pk=latest.pk).level.value == 4


def test_it_answers_404_to_who_may_not_change_it(fw, assessed, login):
    _person, latest = assessed
    for name in ("cell_member", "sibling_secretary", "committee_member"):
        assert login(fw.world.user(name)).get(_url(latest)).status_code == 404
