"""Withdrawing a nomination, optionally in favour of another candidate."""

import pytest
from django.urls import reverse

from elections.actions import do_nominate
from elections.models import Nomination

pytestmark = pytest.mark.django_db


def test_it_withdraws_in_favour_of_another_candidate(world, elections, login):
    election = elections["open"]
    proposed = election.nominations.get()
    other = do_nominate(acting_user=None, election=election,
                        candidate=world.people["alias-cella-1"], self_nominated=True)
    page = login(world.user("cell_secretary")).post(
        reverse("elections:nomination_withdraw", kwargs={"uid": proposed.uid}),
        {"in_favour_of": str(other.uid)})
    assert page.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == Nomination.Status.WITHDRAWN and proposed.in_favour_of == other


def test_it_offers_only_the_elections_other_candidates(world, elections, login):
    nomination = elections["open"].nominations.get()
    page = login(world.user("cell_secretary")).get(
        reverse("elections:nomination_withdraw", kwargs={"uid": nomination.uid}))
    assert list(page.context["form"].fields["in_favour_of"].queryset) == []
