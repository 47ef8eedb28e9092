"""A split's page: public history, counts per organ for who sees the organ, departing
members only for who sees their unit's people."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from alliances.models import Split
from alliances.splits import OrganCount, do_record_split
from organizations.actions import do_create_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def split(allied) -> Split:
    new = do_create_organization(acting_user=None, data={"name": "New Red Party"})
    return do_record_split(acting_user=None, organization=allied.orgs["rp"],
                           new_organization=new, date=date(2004, 8, 15),
                           departures=[allied.people["alias-cella-1"]],
                           counts=[OrganCount(unit=allied.units["cell_a"], left=1, of=5,
                                              description="one of five")])


def _text(client, split) -> str:
    response = client.get(reverse("alliances:split", kwargs={"uid": split.uid}))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_counts_and_departures_to_the_unit(split, allied, login):
    text = _text(login(allied.user("cell_secretary")), split)
    assert "New Red Party split from Red Party (RP)" in text
    assert "one of five" in text and "alias-cella-1" in text


def test_it_shows_the_committee_above_counts_without_names(split, allied, login):
    text = _text(login(allied.user("committee_member")), split)
    assert "one of five" in text
    assert "alias-cella-1" not in text


def test_it_shows_the_coalition_office_the_split_only(split, allied, login):
    text = _text(login(allied.user("coalition_office")), split)
    assert "New Red Party" in text
    assert "one of five" not in text and "alias-cella-1" not in text


def test_it_answers_404_outside_the_organization(split, allied, login):
    response = login(allied.user("outsider")).get(
        reverse("alliances:split", kwargs={"uid": split.uid}))
    assert response.status_code == 404
