"""The unit's correspondence, each with its send button or the day it was sent."""

import pytest

from agitprop.actions import do_send_correspondence
from agitprop.tests.helpers import field, letter, paper, url

pytestmark = pytest.mark.django_db


def test_it_lists_the_units_correspondence(world, login):
    mill, (periodical, _) = field(world), paper(world)
    do_send_correspondence(acting_user=None, correspondence=letter(world, mill, periodical))
    letter(world, mill, periodical, pen_name="Second pen")
    text = login(world.user("cell_secretary")).get(
        url("correspondence_list", world.units["cell_a"])).content.decode()
    assert "A steelworker" in text and "Second pen" in text
    assert text.count("/send/") == 1 and "Sent on" in text


def test_it_404s_for_another_unit(world, login):
    assert login(world.user("cell_secretary")).get(
        url("correspondence_list", world.units["cell_b"])).status_code == 404
