"""Taking an organization out of the circles."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliances.models import Classification

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_one(allied) -> Classification:
    return Classification.objects.get(unit=allied.units["north"],
                                      organization=allied.orgs["op"])


def _url(classification) -> str:
    return reverse("alliances:classification_end", kwargs={"uid": classification.uid})


def test_it_ends_the_classification(open_one, login, north_secretary):
    response = login(north_secretary).post(_url(open_one), {"until": "2024-10-01"})
    open_one.refresh_from_db()
    assert response.status_code == 302
    assert str(open_one.until) == "2024-10-01"


def test_it_refuses_an_end_before_the_beginning(open_one, login, north_secretary):
    response = login(north_secretary).post(_url(open_one), {"until": "2020-01-01"})
    open_one.refresh_from_db()
    assert response.status_code == 200 and open_one.until is None


def test_it_answers_404_to_a_member(open_one, allied, login):
    assert login(allied.user("overseer")).get(_url(open_one)).status_code == 404
