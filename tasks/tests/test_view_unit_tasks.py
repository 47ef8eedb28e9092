"""The unit's task list: its tasks for who holds its records, 404 for anyone else."""

import pytest
from django.urls import reverse

from tasks.actions import do_create_task
from tasks.tests.conftest import days

pytestmark = pytest.mark.django_db


def _url(unit):
    return reverse("tasks:unit_tasks", kwargs={"uid": unit.uid})


def test_it_lists_the_units_tasks_with_their_owner(work, login):
    do_create_task(acting_user=work.secretary, unit=work.unit,
                   data={"title": "Print the bulletin", "owner": work.member,
                         "due_on": days(-1)})
    page = login(work.secretary).get(_url(work.unit)).content.decode()
    assert "Print the bulletin" in page and "alias-cella-1" in page and "overdue" in page
    assert reverse("tasks:task_create", kwargs={"uid": work.unit.uid}) in page


def test_it_offers_no_new_task_to_a_reader(work, login):
    page = login(work.member_user).get(_url(work.unit)).content.decode()
    assert reverse("tasks:task_create", kwargs={"uid": work.unit.uid}) not in page


def test_another_units_tasks_answer_404(work, login):
    assert login(work.world.user("sibling_secretary")).get(_url(work.unit)).status_code == 404
