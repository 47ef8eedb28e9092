"""The organ's circles page: its circles, furthest first, with the organizations in each
today; a secretary adds one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliances.models import Circle

pytestmark = pytest.mark.django_db


def _url(unit) -> str:
    return reverse("alliances:circles", kwargs={"uid": unit.uid})


def test_it_lists_the_circles_and_who_is_in_them(allied, login):
    page = login(allied.user("committee_member")).get(_url(allied.units["north"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert text.index("Far circle") < text.index("Near circle")
    assert "Other Party (OP)" in text and "Profile Org (PO)" in text
    assert "Add the circle" not in text  # a member does not add circles


def test_it_adds_a_circle_as_the_nearest(allied, login, north_secretary):
    client = login(north_secretary)
    response = client.post(_url(allied.units["north"]), {
        "name": "Closest allies", "description": "", "requires_decision": "on"})
    circle = Circle.objects.get(name="Closest allies")
    assert response.status_code == 302
    assert response["Location"] == reverse("alliances:circle", kwargs={"uid": circle.uid})
    assert (circle.position, circle.requires_decision) == (3, True)


def test_it_refuses_a_circle_without_a_name(allied, login, north_secretary):
    response = login(north_secretary).post(_url(allied.units["north"]), {"name": ""})
    assert response.status_code == 200
    assert Circle.objects.filter(unit=allied.units["north"]).count() == 2


@pytest.mark.parametrize("name", ["coalition_office", "outsider", "sibling_secretary"])
def test_it_answers_404_outside_the_organ(allied, login, name):
    assert login(allied.user(name)).get(_url(allied.units["north"])).status_code == 404


def test_it_is_linked_from_the_unit_page_for_who_sees_its_records(allied, login):
    unit_url = reverse("organizations:unit_detail", kwargs={"uid": allied.units["north"].uid})
    assert _url(allied.units["north"]) in login(allied.user("overseer")).get(
        unit_url).content.decode()
