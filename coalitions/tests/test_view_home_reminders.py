"""The home page's reminders (``{% coalition_reminders %}``): a user acting for an organization
asked about a circulated resolution sees it with its deadline until the organization answers;
other users see nothing."""

import pytest
from django.urls import reverse

from coalitions.actions import do_answer
from coalitions.tests.world import circulation

pytestmark = pytest.mark.django_db

HEADING = "Resolutions waiting for your organization's answer"


def test_it_reminds_until_the_organization_answers(world, login):
    circ = circulation(world)
    client = login(world.user("cell_member"))
    body = client.get(reverse("accounts:home")).content.decode()
    assert HEADING in body and "Solidarity call" in body and "Red Party" in body
    do_answer(acting_user=world.user("cell_member"), circulation=circ,
              organization=world.orgs["rp"], vote="approve")
    assert HEADING not in client.get(reverse("accounts:home")).content.decode()


def test_it_reminds_nobody_who_does_not_act_for_an_asked_organization(world, login):
    circulation(world)
    for name in ("cell_secretary", "outsider", "coalition_office"):
        body = login(world.user(name)).get(reverse("accounts:home")).content.decode()
        assert HEADING not in body, name
