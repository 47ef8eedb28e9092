"""The new-task form: a member of the unit as owner, a contact of the unit."""

import pytest
from django.urls import reverse

from tasks.models import Task
from tasks.tests.conftest import days

pytestmark = pytest.mark.django_db


def _url(unit):
    return reverse("tasks:task_create", kwargs={"uid": unit.uid})


def test_it_creates_a_task_for_a_member(work, login):
    response = login(work.secretary).post(_url(work.unit), {
        "title": "Visit the canteen", "owner": work.member.uid, "due_on": days(1).isoformat(),
        "contact": work.contacts[0].uid})
    assert response.status_code == 302
    task = Task.objects.get(title="Visit the canteen")
    assert (task.owner, task.contact, task.unit) == (work.member, work.contacts[0], work.unit)


def test_it_offers_only_the_units_members_as_owners(work, login):
    response = login(work.secretary).post(_url(work.unit), {
        "title": "x", "owner": work.world.people["alias-cellb-1"].uid,
        "due_on": days(1).isoformat()})
    assert response.status_code == 200 and "owner" in response.context["form"].errors
    assert not Task.objects.filter(title="x").exists()


def test_it_answers_404_to_a_reader_of_the_unit(work, login):
    assert login(work.member_user).get(_url(work.unit)).status_code == 404
