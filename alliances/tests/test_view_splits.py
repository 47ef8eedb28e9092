"""An organization's splits."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_lists_the_splits_of_the_organization(allied, login):
    response = login(allied.user("cell_member")).get(
        reverse("alliances:splits", kwargs={"uid": allied.orgs["rp"].uid}))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Red Party Splinter" in text and "Other Party Splinter" not in text


def test_it_answers_404_for_an_organization_out_of_sight(allied, login):
    response = login(allied.user("cell_member")).get(
        reverse("alliances:splits", kwargs={"uid": allied.orgs["op"].uid}))
    assert response.status_code == 404
