"""The unit's conversation assignments with their progress, in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fieldwork.actions import do_record_one_to_one
from tasks.actions import do_create_assignment
from tasks.tests.conftest import days

pytestmark = pytest.mark.django_db


def _assign(work, contacts, goal=2, member=None):
    return do_create_assignment(acting_user=work.secretary, unit=work.unit, title="Gate week",
                                member=member or work.member, contacts=contacts, goal=goal)


def _talk(work, contact, member=None, on=None):
    do_record_one_to_one(acting_user=work.secretary, unit=work.unit, contact=contact,
                         member=member or work.member, date=on or days(0))


def _url(work):
    return reverse("tasks:assignments", kwargs={"uid": work.unit.uid})


def test_it_counts_contacts_talked_to_by_the_member_within_the_period(work, login):
    assignment = _assign(work, work.contacts)
    _talk(work, work.contacts[0])
    _talk(work, work.contacts[0])  # the same contact again: still one
    _talk(work, work.contacts[1], member=work.other_member)  # someone else's conversation
    response = login(work.secretary).get(_url(work))
    [shown] = response.context["assignments"]
    assert (shown.pk, shown.progress.done, shown.progress.percent) == (assignment.pk, 1, 50)
    page = response.content.decode()
    assert '<progress max="2" value="1"' in page and "1 of 2 conversations" in page


def test_it_does_not_count_a_conversation_before_the_period(work, login):
    from datetime import timedelta

    assignment = _assign(work, work.contacts)
    _talk(work, work.contacts[0], on=assignment.starts_on - timedelta(days=1))
    [shown] = login(work.secretary).get(_url(work)).context["assignments"]
    assert shown.progress.done == 0


def test_it_asks_the_same_number_of_queries_for_more_assignments(work, login):
    client = login(work.secretary)
    client.get(_url(work))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(work)).status_code == 200
        return len(queries)

    _assign(work, work.contacts[:1])
    small = count()
    for _ in range(4):
        _assign(work, work.contacts)
        _talk(work, work.contacts[1])
    assert count() == small


def test_another_units_assignments_answer_404(work, login):
    assert login(work.world.user("sibling_secretary")).get(_url(work)).status_code == 404
