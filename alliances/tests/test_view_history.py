"""The history of an organization's classification by the organ."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from alliances.actions import do_classify
from alliances.models import Classification

pytestmark = pytest.mark.django_db


def _url(classification) -> str:
    return reverse("alliances:history", kwargs={"uid": classification.uid})


def test_it_shows_every_classification_newest_first(allied, login):
    first = Classification.objects.get(unit=allied.units["north"],
                                       organization=allied.orgs["op"])
    do_classify(acting_user=None, circle=allied.circles["near"],
                organization=allied.orgs["op"], since=date(2024, 9, 1))
    text = login(allied.user("committee_member")).get(_url(first)).content.decode()
    assert text.index("Near circle") < text.index("Far circle")
    assert "Holds: Proclaims proletarian revolution · Its programme" in text
    assert "Take it out of the circles" not in text  # a member changes nothing


@pytest.mark.parametrize("name", ["outsider", "coalition_office", "cell_member"])
def test_it_is_never_shown_to_the_classified_nor_the_coalition(allied, login, name):
    row = Classification.objects.get(unit=allied.units["north"],
                                     organization=allied.orgs["op"])
    assert login(allied.user(name)).get(_url(row)).status_code == 404
