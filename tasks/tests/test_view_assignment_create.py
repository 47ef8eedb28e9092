"""Giving a member a list of contacts to talk to."""

import pytest
from django.urls import reverse

from tasks.actions import this_week
from tasks.models import Assignment

pytestmark = pytest.mark.django_db


def _url(work):
    return reverse("tasks:assignment_create", kwargs={"uid": work.unit.uid})


def test_it_proposes_this_week_and_gives_the_assignment(work, login):
    client = login(work.secretary)
    form = client.get(_url(work)).context["form"]
    monday, sunday = this_week()
    assert (form["starts_on"].initial, form["ends_on"].initial) == (monday, sunday)
    response = client.post(_url(work), {
        "title": "Night shift", "member": work.member.uid,
        "contacts": [c.uid for c in work.contacts], "goal": 2,
        "starts_on": monday.isoformat(), "ends_on": sunday.isoformat()})
    assert response.status_code == 302
    assignment = Assignment.objects.get(title="Night shift")
    assert (assignment.member, assignment.goal) == (work.member, 2)
    assert set(assignment.contacts.all()) == set(work.contacts)


def test_it_offers_only_contacts_of_the_unit(work, login):
    other = work.world.people["alias-cellb-1"]
    response = login(work.secretary).post(_url(work), {
        "title": "x", "member": work.member.uid, "contacts": [other.uid], "goal": 1,
        "starts_on": "2026-01-05", "ends_on": "2026-01-11"})
    assert response.status_code == 200 and "contacts" in response.context["form"].errors


def test_it_answers_404_to_a_reader(work, login):
    assert login(work.member_user).get(_url(work)).status_code == 404
