"""One assignment: its contacts, each with a link to record a conversation."""

import pytest
from django.urls import reverse

from tasks.actions import do_create_assignment

pytestmark = pytest.mark.django_db


def test_it_links_each_contact_to_the_one_to_one_form(work, login):
    assignment = do_create_assignment(acting_user=work.secretary, unit=work.unit, title="Gate",
                                      member=work.member, contacts=work.contacts, goal=2)
    url = reverse("tasks:assignment_detail", kwargs={"uid": assignment.uid})
    page = login(work.member_user).get(url).content.decode()
    one_to_one = reverse("fieldwork:one_to_one", kwargs={"uid": work.field.uid})
    for contact in work.contacts:
        assert f"{one_to_one}?contact={contact.uid}" in page
    assert login(work.world.user("sibling_secretary")).get(url).status_code == 404
