"""A circle's page: its criteria and the organizations in it, now and formerly."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from alliances.actions import do_classify

pytestmark = pytest.mark.django_db


def _url(circle) -> str:
    return reverse("alliances:circle", kwargs={"uid": circle.uid})


def test_it_shows_criteria_and_members_now_and_formerly(allied, login):
    do_classify(acting_user=None, circle=allied.circles["near"],
                organization=allied.orgs["op"], since=date(2024, 9, 1))
    text = login(allied.user("overseer")).get(_url(allied.circles["far"])).content.decode()
    assert "Proclaims proletarian revolution" in text
    now, formerly = text.split("Formerly in this circle")
    assert "Profile Org (PO)" in now and "Other Party (OP)" not in now
    assert "Other Party (OP)" in formerly


def test_it_offers_classifying_to_a_secretary_only(allied, login, north_secretary):
    url = _url(allied.circles["far"])
    assert "Classify an organization" in login(north_secretary).get(url).content.decode()
    member = login(allied.user("committee_member")).get(url).content.decode()
    assert "Classify an organization" not in member


@pytest.mark.parametrize("name", ["coalition_office", "outsider", "cell_secretary"])
def test_it_answers_404_to_the_classified_and_the_coalition(allied, login, name):
    assert login(allied.user(name)).get(_url(allied.circles["far"])).status_code == 404
