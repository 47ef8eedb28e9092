"""The outcome of an election recorded from the public record."""

import pytest
from django.urls import reverse
from django.utils import timezone

from elections.actions import do_create_election, do_nominate

pytestmark = pytest.mark.django_db


def test_it_records_the_public_outcome(world, login):
    election = do_create_election(acting_user=None, unit=world.units["cell_a"], data={
        "title": "Chairperson", "method": "recorded", "held_on": timezone.localdate()})
    first = do_nominate(acting_user=None, election=election, public_name="First Figure",
                        self_nominated=True)
    do_nominate(acting_user=None, election=election, public_name="Second Figure",
                self_nominated=True)
    url = reverse("elections:outcome", kwargs={"uid": election.uid})
    assert login(world.user("cell_member")).get(url).status_code == 404
    page = login(world.user("cell_secretary")).post(url, {"elected": [str(first.uid)]})
    assert page.status_code == 302
    election.refresh_from_db()
    assert election.outcome == "recorded" and election.result["elected"] == [str(first.uid)]
