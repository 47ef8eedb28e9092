"""Removing an assessment made in error: a confirmation page (GET changes nothing), then
the removal by POST; the one before becomes the current level."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent, Tombstone
from fieldwork.models import Assessment, ContactProfile
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(fw):
    person = fw.contact("c-assess-del")
    fw.assess(person, 3, days_ago(6))
    return person, fw.assess(person, 1, days_ago(2))


def _url(assessment) -> str:
    return reverse("fieldwork:assessment_delete", kwargs={"uid": assessment.uid})


def test_it_asks_first_and_changes_nothing_on_get(fw, assessed, login):
    _person, latest = assessed
    client = login(fw.secretary)
    before = AuditEvent.objects.count()
    page = client.get(_url(latest)).content.decode()
    assert "Remove this assessment?" in page and "Committed leader" in page
    assert Assessment.objects.filter(pk=latest.pk).exists()
    assert AuditEvent.objects.count() == before


def test_it_removes_the_latest_and_the_one_before_becomes_current(fw, assessed, login):
    person, latest = assessed
    pk, uid = latest.pk, latest.uid
    response = login(fw.secretary).post(_url(latest))
    assert response["Location"] == reverse("fieldwork:contact", kwargs={"uid": person.uid})
    assert not Assessment.objects.filter(pk=pk).exists()
    assert Tombstone.objects.filter(uid=uid).exists()
    event = AuditEvent.objects.get(model="fieldwork.Assessment", object_id=pk, action="delete")
    assert event.changes["assessed_on"] == [days_ago(2).isoformat(), None]
    profile = ContactProfile.objects.get(person=person)
    assert (profile.current_level.value, profile.current_assessed_on) == (3, days_ago(6))


def test_it_answers_404_to_who_may_not_remove_it(fw, assessed, login):
    _person, latest = assessed
    for name in ("cell_member", "overseer", "sibling_secretary"):
        client = login(fw.world.user(name))
        assert client.get(_url(latest)).status_code == 404
        assert client.post(_url(latest)).status_code == 404
    assert Assessment.objects.filter(pk=latest.pk).exists()
