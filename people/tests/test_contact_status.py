"""A contact (a worker the unit talks to) has no membership status: the person's page and the
unit's list of people show "Contact since ...", never "Candidate since ..."."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from people.actions import do_create_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(world):
    return do_create_person(acting_user=world.user("cell_secretary"),
                            unit=world.units["cell_a"],
                            data={"alias": "c-status", "kind": "contact"})


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_it_shows_a_contact_as_contact_since_on_its_page(world, login, contact):
    url = reverse("people:person_detail", kwargs={"uid": contact.uid})
    text = _text(login(world.user("cell_secretary")).get(url).content.decode())
    assert "Contact since" in text
    assert "Candidate" not in text and "Membership status" not in text
    assert "Status history" not in text


def test_it_lists_a_contact_without_a_membership_status(world, contact):
    request = RequestFactory().get("/units/")
    request.user = world.user("cell_secretary")
    body = render_to_string("people/_unit_people.html", {"unit": world.units["cell_a"]},
                            request=request)
    row = next(r for r in body.split("<tr>") if "c-status" in r)
    assert "Candidate" not in row and "since" not in row
    member = next(r for r in body.split("<tr>") if "alias-cella-1" in r)
    assert "Member" in member and "since" in member
