"""Removing an activity: a page saying what goes (GET changes nothing), the removal by POST
(audited with the values that went, tombstoned, the last contact recomputed)."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent, Tombstone
from fieldwork.models import Activity, ContactProfile
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk(fw):
    return fw.activity(days_ago(3), contacts=[fw.contact("c-del")])


def _url(activity) -> str:
    return reverse("fieldwork:activity_delete", kwargs={"uid": activity.uid})


def test_it_asks_first_and_changes_nothing_on_get(fw, talk, login):
    client = login(fw.secretary)
    before = AuditEvent.objects.count()
    page = client.get(_url(talk)).content.decode()
    assert "Remove this activity?" in page and "Agitation meeting — c-del" in page
    assert Activity.objects.filter(pk=talk.pk).exists()
    assert AuditEvent.objects.count() == before


def test_it_removes_on_post(fw, talk, login):
    pk, uid = talk.pk, talk.uid
    response = login(fw.secretary).post(_url(talk), {"next": "/back/"})
    assert response.status_code == 302 and response["Location"] == "/back/"
    assert not Activity.objects.filter(pk=pk).exists()
    assert Tombstone.objects.filter(uid=uid).exists()
    event = AuditEvent.objects.get(model="fieldwork.Activity", object_id=pk, action="delete")
    assert event.actor == fw.secretary
    assert event.changes["date"] == [days_ago(3).isoformat(), None]
    assert ContactProfile.objects.get(person__alias="c-del").last_contact_on is None


def test_it_answers_404_to_who_may_not_remove_it(fw, talk, login):
    for name in ("cell_member", "sibling_secretary", "committee_member"):
        client = login(fw.world.user(name))
        assert client.get(_url(talk)).status_code == 404
        assert client.post(_url(talk)).status_code == 404
    assert Activity.objects.filter(pk=talk.pk).exists()
