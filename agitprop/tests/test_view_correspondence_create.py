"""Writing a worker correspondence from a field's page."""

import pytest
from django.utils import timezone

from agitprop.models import Correspondence
from agitprop.tests.helpers import field, paper, url

pytestmark = pytest.mark.django_db


def _data(periodical, **more):
    return {"periodical": periodical.uid, "pen_name": "A welder", "text": "Night shift news.",
            "written_on": timezone.localdate().isoformat(), **more}


def test_it_saves_the_units_copy_unsent(world, login):
    mill, (periodical, _) = field(world), paper(world)
    response = login(world.user("cell_secretary")).post(url("correspondence_create", mill),
                                                         _data(periodical))
    assert response.status_code == 302
    letter = Correspondence.objects.get()
    assert (letter.unit, letter.field, letter.pen_name, letter.sent_on) == (
        world.units["cell_a"], mill, "A welder", None)


def test_it_refuses_another_partys_periodical_and_an_alias(world, login):
    mill, (other, _) = field(world), paper(world, "op")
    client = login(world.user("cell_secretary"))
    assert "periodical" in client.post(url("correspondence_create", mill),
                                       _data(other)).context["form"].errors
    periodical, _ = paper(world)
    assert "pen_name" in client.post(url("correspondence_create", mill), _data(
        periodical, pen_name="alias-cella-1")).context["form"].errors
    assert not Correspondence.objects.exists()


def test_it_404s_outside_the_unit(world, login):
    mill, (periodical, _) = field(world), paper(world)
    assert login(world.user("sibling_secretary")).post(
        url("correspondence_create", mill), _data(periodical)).status_code == 404
