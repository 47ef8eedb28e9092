"""The include for the contact's page: the contact's open tasks the reader may see."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from tasks.actions import do_complete_task, do_create_task
from tasks.tests.conftest import days

pytestmark = pytest.mark.django_db


def _render(user, contact) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("tasks/_open_for_contact.html", {"contact": contact},
                            request=request)


def test_it_lists_the_contacts_open_tasks_for_who_sees_them(work):
    contact = work.contacts[0]
    [open_task] = do_create_task(acting_user=work.secretary, unit=work.unit,
                                 data={"title": "Bring the form", "due_on": days(1)},
                                 contacts=[contact])
    [done] = do_create_task(acting_user=work.secretary, unit=work.unit,
                            data={"title": "Old errand", "due_on": days(1)},
                            contacts=[contact])
    do_complete_task(acting_user=work.secretary, task=done)
    page = _render(work.secretary, contact)
    assert "Bring the form" in page and "Old errand" not in page
    assert "Bring the form" not in _render(work.world.user("sibling_secretary"), contact)


def test_the_contacts_page_shows_open_tasks_but_not_follow_ups_twice(work, login):
    from django.urls import reverse

    contact = work.contacts[0]
    do_create_task(acting_user=work.secretary, unit=work.unit,
                   data={"title": "Bring the form", "due_on": days(1)}, contacts=[contact])
    page = login(work.secretary).get(
        reverse("fieldwork:contact", args=[contact.uid])).content.decode()
    assert page.count("Bring the form") == 1
