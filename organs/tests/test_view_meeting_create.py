"""Recording a meeting of an organ, with its sealed minutes."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from organs.models import Meeting

pytestmark = pytest.mark.django_db


def _url(world):
    return reverse("organs:meeting_create", kwargs={"uid": world.units["cell_a"].uid})


def test_it_records_the_meeting_with_sealed_minutes(world, login):
    response = login(world.user("cell_secretary")).post(_url(world), {
        "held_on": "2024-05-02", "date_precision": "day", "kind": "extraordinary",
        "status": "held", "minutes": "We met at the dye house."})
    meeting = Meeting.objects.get(unit=world.units["cell_a"])
    assert response.status_code == 302
    assert meeting.kind == "extraordinary" and meeting.unseal_minutes() == (
        "We met at the dye house.")
    assert "dye house" not in meeting.minutes_sealed
    event = AuditEvent.objects.get(model="organs.Meeting", object_id=meeting.pk)
    assert "minutes" in event.fields and "dye house" not in str(event.changes)


def test_it_refuses_a_held_meeting_in_the_future(world, login):
    page = login(world.user("cell_secretary")).post(_url(world), {
        "held_on": "2999-01-01", "date_precision": "day", "kind": "regular",
        "status": "held"})
    assert page.status_code == 200
    assert page.context["form"].errors["status"] == [
        "A meeting in the future cannot have been held."]
    assert not Meeting.objects.exists()


def test_it_answers_404_to_a_member_without_the_right_to_add(world, login):
    assert login(world.user("cell_member")).get(_url(world)).status_code == 404
