"""Accepting a nomination: the candidate, or the secretary for them."""

import pytest
from django.urls import reverse

from elections.models import Nomination

pytestmark = pytest.mark.django_db


def test_it_lets_the_candidate_accept(world, elections, login):
    nomination = elections["open"].nominations.get()
    user = world.user("cell_member")
    user.person = nomination.candidate
    user.save()
    page = login(user).post(reverse("elections:nomination_accept",
                                    kwargs={"uid": nomination.uid}))
    assert page.status_code == 302
    assert Nomination.objects.get(pk=nomination.pk).status == Nomination.Status.ACCEPTED


def test_it_refuses_another_member_with_a_message(world, elections, login):
    nomination = elections["open"].nominations.get()
    client = login(world.user("cell_member"))
    page = client.post(reverse("elections:nomination_accept", kwargs={"uid": nomination.uid}),
                       follow=True)
    assert "Only the candidate" in page.content.decode()
    assert Nomination.objects.get(pk=nomination.pk).status == Nomination.Status.PROPOSED
