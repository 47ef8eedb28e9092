"""Sending a correspondence to the periodical's editorial unit."""

import pytest

from agitprop.models import SentCorrespondence
from agitprop.tests.helpers import field, letter, paper, url

pytestmark = pytest.mark.django_db


def test_it_sends_a_copy_once(world, login):
    mill, (periodical, _) = field(world), paper(world)
    draft = letter(world, mill, periodical)
    client = login(world.user("cell_secretary"))
    assert client.post(url("correspondence_send", draft)).status_code == 302
    response = client.post(url("correspondence_send", draft), follow=True)
    assert "already sent" in response.content.decode()
    sent = SentCorrespondence.objects.get()
    assert (sent.periodical, sent.pen_name) == (periodical, "A steelworker")


def test_it_refuses_get_and_other_units(world, login):
    mill, (periodical, _) = field(world), paper(world)
    draft = letter(world, mill, periodical)
    assert login(world.user("cell_secretary")).get(
        url("correspondence_send", draft)).status_code == 405
    assert login(world.user("sibling_secretary")).post(
        url("correspondence_send", draft)).status_code == 404
    assert not SentCorrespondence.objects.exists()
