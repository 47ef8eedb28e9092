"""The office dashboard: each circulation's approvals against the rule, who has not answered,
the proposals waiting, and the panels other apps register."""

import pytest
from django.urls import reverse

from coalitions.dashboard import _PANELS, Panel, register
from coalitions.tests.world import circulation

pytestmark = pytest.mark.django_db


def test_it_shows_the_circulations_and_a_registered_panel(world, login):
    circulation(world, needed=3)
    panel = register(Panel("coalitions/_panel_list.html", lambda user, coalition: {
        "title": "Reports waiting for review", "items": [{"label": "Report from Ruritania"}]}))
    try:
        body = login(world.user("coalition_office")).get(reverse(
            "coalitions:dashboard", kwargs={"uid": world.coalition.uid})).content.decode()
    finally:
        _PANELS.remove(panel)
    assert "0 of 3 approvals needed (5 organizations asked)." in body
    assert "Member 1" in body and "<svg" in body and "Reports waiting for review" in body
    assert "Report from Ruritania" in body


def test_it_answers_404_to_members(world, login):
    url = reverse("coalitions:dashboard", kwargs={"uid": world.coalition.uid})
    assert login(world.user("cell_secretary")).get(url).status_code == 404
