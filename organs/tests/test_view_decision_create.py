"""Recording a decision directly: numbered, dated as precisely as known, no counts."""

import pytest
from django.urls import reverse

from organs.models import Decision

pytestmark = pytest.mark.django_db


def test_it_records_a_historical_decision_known_to_the_year(world, login):
    client = login(world.user("cell_secretary"))
    response = client.post(reverse("organs:decision_create",
                                   kwargs={"uid": world.units["cell_a"].uid}),
                           {"decided_on": "2002-01-01", "date_precision": "year",
                            "title": "Elect a leader", "text": ""}, follow=True)
    decision = Decision.objects.get(title="Elect a leader")
    assert decision.number == 1 and decision.motion is None
    body = response.content.decode()
    assert "Recorded directly: vote counts not recorded." in body and "2002" in body
