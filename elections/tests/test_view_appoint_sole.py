"""The sole-candidate button."""

import pytest
from django.urls import reverse

from elections.actions import do_accept_nomination
from elections.models import Election

pytestmark = pytest.mark.django_db


def _post(client, election):
    return client.post(reverse("elections:appoint_sole", kwargs={"uid": election.uid}),
                       follow=True)


def test_it_refuses_while_the_nomination_awaits_its_answer(world, elections, login):
    page = _post(login(world.user("cell_secretary")), elections["open"])
    assert "still awaits" in page.content.decode()
    assert Election.objects.get(pk=elections["open"].pk).status == "nominating"


def test_it_appoints_the_sole_candidate(world, elections, login):
    do_accept_nomination(acting_user=None, nomination=elections["open"].nominations.get())
    _post(login(world.user("cell_secretary")), elections["open"])
    election = Election.objects.get(pk=elections["open"].pk)
    assert (election.status, election.outcome) == ("counted", "sole")


def test_it_is_for_the_secretary_only(world, elections, login):
    page = login(world.user("cell_member")).post(
        reverse("elections:appoint_sole", kwargs={"uid": elections["open"].uid}))
    assert page.status_code == 404
