"""Adding a criterion to a circle."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _url(circle) -> str:
    return reverse("alliances:criterion_add", kwargs={"uid": circle.uid})


def test_it_adds_the_next_criterion(allied, login, north_secretary):
    circle = allied.circles["far"]
    response = login(north_secretary).post(_url(circle), {"text": "Rejects revisionism"})
    assert response.status_code == 302
    assert list(circle.criteria.values_list("position", "text")) == [
        (1, "Proclaims proletarian revolution"), (2, "Rejects revisionism")]


def test_it_refuses_an_empty_criterion(allied, login, north_secretary):
    response = login(north_secretary).post(_url(allied.circles["far"]), {"text": " "})
    assert response.status_code == 200
    assert allied.circles["far"].criteria.count() == 1


def test_it_answers_404_to_a_member_without_the_right(allied, login):
    client = login(allied.user("committee_member"))
    assert client.get(_url(allied.circles["far"])).status_code == 404
