"""Bulk assign from a contact list: the checked contacts become a member's conversation
assignment (goal: one conversation each unless said, this week), all or nothing, offered
only to who may add the unit's assignments."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fieldwork.actions import do_create_contact, do_create_field
from tasks.actions import this_week
from tasks.models import Assignment

pytestmark = pytest.mark.django_db


def bulk_url(work) -> str:
    return reverse("fieldwork:contacts_bulk", kwargs={"uid": work.unit.uid})


def list_url(work) -> str:
    return reverse("fieldwork:field_contacts", kwargs={"uid": work.field.uid})


def post(client, work, people, **extra):
    return client.post(bulk_url(work), {
        "action": "assign", "contacts": [p.contact_profile.uid for p in people],
        "next": list_url(work), **extra})


def confirmed(work, **extra) -> dict:
    monday, sunday = this_week()
    return {"confirm": "yes", "member": work.member.uid, "title": "Night shift",
            "starts_on": monday.isoformat(), "ends_on": sunday.isoformat(), **extra}


def test_it_asks_for_the_member_and_proposes_this_week(work, login):
    response = post(login(work.secretary), work, work.contacts)
    body = response.content.decode()
    assert response.status_code == 200 and "Assign 2 contacts" in body
    form = response.context["form"]
    assert (form["starts_on"].initial, form["ends_on"].initial) == this_week()
    assert {m.alias for m in form.fields["member"].queryset} >= {work.member.alias}
    assert "Empty: one conversation per contact." in body
    assert not Assignment.objects.exists()


def test_it_assigns_the_checked_contacts_with_a_goal_of_one_each(work, login):
    client = login(work.secretary)
    response = post(client, work, work.contacts, **confirmed(work))
    assert response.status_code == 302 and response["Location"] == list_url(work)
    assignment = Assignment.objects.get()
    assert (assignment.member, assignment.goal, assignment.unit) == (work.member, 2, work.unit)
    assert (assignment.starts_on, assignment.ends_on) == this_week()
    assert set(assignment.contacts.all()) == set(work.contacts)
    page = client.get(response["Location"]).content.decode()
    assert f"2 contacts were assigned to {work.member.alias}." in page


def test_it_keeps_a_goal_given(work, login):
    post(login(work.secretary), work, work.contacts, **confirmed(work, goal="5"))
    assert Assignment.objects.get().goal == 5


def test_it_assigns_nothing_when_one_contact_is_not_eligible(work, login):
    yard = do_create_field(acting_user=None, unit=work.world.units["cell_b"],
                           data={"name": "School yard"})
    elsewhere = do_create_contact(acting_user=None, field=yard, alias="c-elsewhere").person
    client = login(work.secretary)
    response = post(client, work, [*work.contacts, elsewhere], **confirmed(work))
    assert response.status_code == 302
    assert not Assignment.objects.exists()
    assert "not one of the available choices" in client.get(response["Location"]).content.decode()


def test_it_is_not_offered_to_a_member_and_refused_on_post(work, login):
    client = login(work.member_user)
    body = client.get(list_url(work)).content.decode()
    assert 'value="assign"' not in body and 'value="task"' not in body
    response = post(client, work, work.contacts, **confirmed(work))
    assert response.status_code == 302
    assert not Assignment.objects.exists()
    assert "nothing was done" in client.get(response["Location"]).content.decode()


def test_it_is_offered_to_the_secretary(work, login):
    body = login(work.secretary).get(list_url(work)).content.decode()
    assert '<option value="assign">Assign to a member</option>' in body
    assert '<option value="task">Give each a task</option>' in body
