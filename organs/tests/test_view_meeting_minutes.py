"""Reading a meeting's minutes: a POST with the reveal right, and an audit row."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from organs.tests.world import MINUTES

pytestmark = pytest.mark.django_db


def _url(meeting):
    return reverse("organs:meeting_minutes", kwargs={"uid": meeting.uid})


def test_it_shows_the_minutes_and_logs_the_reading(world, organs, login):
    meeting = organs.meetings["cell_a"]
    page = login(world.user("cell_secretary")).post(_url(meeting))
    assert page.status_code == 200 and MINUTES in page.content.decode()
    event = AuditEvent.objects.get(model="organs.Meeting", object_id=meeting.pk,
                                   action="reveal")
    assert event.fields == ["minutes"] and event.actor == world.user("cell_secretary")


def test_it_answers_404_without_the_reveal_right_and_to_a_get(world, organs, login):
    meeting = organs.meetings["cell_a"]
    assert login(world.user("cell_member")).post(_url(meeting)).status_code == 404
    assert not AuditEvent.objects.filter(action="reveal", model="organs.Meeting").exists()
    assert login(world.user("cell_secretary")).get(_url(meeting)).status_code == 405
