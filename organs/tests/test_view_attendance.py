"""The attendance of the organ's members at a meeting."""

import pytest
from django.urls import reverse

from organs.models import Attendance

pytestmark = pytest.mark.django_db


def test_it_records_each_members_attendance(world, organs, login):
    meeting = organs.meetings["cell_a"]
    one, two = world.people["alias-cella-1"], world.people["alias-cella-2"]
    client = login(world.user("cell_secretary"))
    form = client.get(reverse("organs:attendance", kwargs={"uid": meeting.uid})
                      ).context["form"]
    assert set(form.fields) == {str(one.uid), str(two.uid)}
    response = client.post(reverse("organs:attendance", kwargs={"uid": meeting.uid}),
                           {str(one.uid): "present", str(two.uid): "absent"})
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=meeting, person=two).presence == "absent"
