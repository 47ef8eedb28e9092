"""/api/tasks/, /api/assignments/, /api/notifications/ through the access layer."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tasks import notify
from tasks.actions import do_create_assignment, do_create_task
from tasks.models import Task
from tasks.tests.conftest import days

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_it_creates_updates_and_completes_a_task(work):
    client = _api(work.secretary)
    created = client.post(reverse("task-list"), {
        "unit": str(work.unit.uid), "title": "Call back", "owner": str(work.member.uid),
        "due_on": days(2).isoformat(), "contact": str(work.contacts[0].uid)}, format="json")
    assert created.status_code == 201, created.content
    uid = created.json()["uid"]
    changed = client.patch(reverse("task-detail", kwargs={"uid": uid}),
                           {"due_on": days(4).isoformat()}, format="json")
    assert changed.status_code == 200 and changed.json()["due_on"] == days(4).isoformat()
    done = _api(work.member_user).post(reverse("task-complete", kwargs={"uid": uid}), {},
                                       format="json")
    assert done.status_code == 200 and done.json()["state"] == "done"


def test_it_refuses_an_owner_of_another_unit(work):
    response = _api(work.secretary).post(reverse("task-list"), {
        "unit": str(work.unit.uid), "title": "x", "due_on": days(1).isoformat(),
        "owner": str(work.world.people["alias-cellb-1"].uid)}, format="json")
    assert response.status_code == 400
    assert not Task.objects.filter(title="x").exists()


def test_another_units_tasks_are_not_found(work):
    [task] = do_create_task(acting_user=None, unit=work.unit,
                            data={"title": "x", "due_on": days(1)})
    client = _api(work.world.user("sibling_secretary"))
    assert client.get(reverse("task-detail", kwargs={"uid": task.uid})).status_code == 404
    listed = client.get(reverse("task-list")).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert str(task.uid) not in {row["uid"] for row in rows}


def test_it_reads_assignments_with_progress(work):
    assignment = do_create_assignment(acting_user=work.secretary, unit=work.unit, title="G",
                                      member=work.member, contacts=work.contacts, goal=2)
    body = _api(work.member_user).get(
        reverse("assignment-detail", kwargs={"uid": assignment.uid})).json()
    assert (body["goal"], body["done"], len(body["contacts"])) == (2, 0, 2)


def test_it_lists_and_marks_only_the_callers_notifications(work):
    notify.notify(recipients=[work.secretary], unit=work.unit, kind="field_stopped",
                  subject_uid=work.field.uid, params={"field": "Steelworks"})
    listed = _api(work.member_user).get(reverse("notification-list")).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert rows == []
    assert _api(work.member_user).post(reverse("notification-read"), {},
                                       format="json").json() == {"marked": 0}
    mine = _api(work.secretary).get(reverse("notification-list")).json()
    rows = mine["results"] if isinstance(mine, dict) else mine
    assert rows[0]["text"] == "Work in the priority field Steelworks has stopped."
    assert _api(work.secretary).post(reverse("notification-read"), {"uids": [rows[0]["uid"]]},
                                     format="json").json() == {"marked": 1}
