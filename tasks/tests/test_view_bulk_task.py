"""Bulk task from a contact list: one task per checked contact (title, owner, due date), all
or nothing, offered only to who may add the unit's tasks."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fieldwork.actions import do_create_contact, do_create_field
from tasks.models import Task
from tasks.tests.conftest import days

pytestmark = pytest.mark.django_db


def bulk_url(work) -> str:
    return reverse("fieldwork:contacts_bulk", kwargs={"uid": work.unit.uid})


def list_url(work) -> str:
    return reverse("fieldwork:field_contacts", kwargs={"uid": work.field.uid})


def post(client, work, people, **extra):
    return client.post(bulk_url(work), {
        "action": "task", "contacts": [p.contact_profile.uid for p in people],
        "next": list_url(work), **extra})


def confirmed(work, **extra) -> dict:
    return {"confirm": "yes", "title": "Bring the petition", "owner": work.member.uid,
            "due_on": days(3).isoformat(), **extra}


def test_it_asks_what_who_and_when(work, login):
    response = post(login(work.secretary), work, work.contacts)
    body = response.content.decode()
    assert response.status_code == 200
    assert "A task for each of 2 contacts" in body
    assert {"title", "owner", "due_on"} <= set(response.context["form"].fields)
    assert not Task.objects.exists()


def test_it_gives_each_checked_contact_a_task(work, login):
    client = login(work.secretary)
    response = post(client, work, work.contacts, **confirmed(work))
    assert response.status_code == 302 and response["Location"] == list_url(work)
    tasks = Task.objects.filter(kind=Task.Kind.TASK)
    assert {t.contact for t in tasks} == set(work.contacts)
    assert {(t.title, t.owner, t.due_on, t.unit) for t in tasks} == {
        ("Bring the petition", work.member, days(3), work.unit)}
    assert "2 tasks were created." in client.get(response["Location"]).content.decode()


def test_it_leaves_the_owner_to_the_secretaries_when_none_is_chosen(work, login):
    post(login(work.secretary), work, work.contacts[:1], **confirmed(work, owner=""))
    assert Task.objects.get().owner is None


def test_it_keeps_the_form_without_a_title(work, login):
    response = post(login(work.secretary), work, work.contacts, **confirmed(work, title=""))
    assert response.status_code == 200 and "title" in response.context["form"].errors
    assert not Task.objects.exists()


def test_it_creates_nothing_when_one_contact_is_not_eligible(work, login):
    yard = do_create_field(acting_user=None, unit=work.world.units["cell_b"],
                           data={"name": "School yard"})
    elsewhere = do_create_contact(acting_user=None, field=yard, alias="c-elsewhere").person
    client = login(work.secretary)
    response = post(client, work, [*work.contacts, elsewhere], **confirmed(work))
    assert response.status_code == 302
    assert not Task.objects.exists()
    assert "not one of the available choices" in client.get(response["Location"]).content.decode()


def test_it_refuses_a_member_on_post(work, login):
    client = login(work.member_user)
    response = post(client, work, work.contacts, **confirmed(work))
    assert response.status_code == 302
    assert not Task.objects.exists()
    assert "nothing was done" in client.get(response["Location"]).content.decode()
