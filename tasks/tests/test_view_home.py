"""The home page: my tasks (overdue, today, this week, later), my assignments, unread
notifications, a next step for whoever has nothing, "New organization" for founders only."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tasks import notify
from tasks.actions import do_create_assignment, do_create_task
from tasks.tests.conftest import days

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")


def _task(work, title, due, owner):
    return do_create_task(acting_user=work.secretary, unit=work.unit,
                          data={"title": title, "owner": owner, "due_on": due})[0]


def test_it_sorts_my_tasks_by_when_they_are_due(work, login):
    _task(work, "Late one", days(-3), work.member)
    _task(work, "Today one", days(0), work.member)
    far = _task(work, "Far one", days(30), work.member)
    mine = login(work.member_user).get(HOME).context["my_tasks"]
    assert [t.title for t in mine.overdue] == ["Late one"]
    assert [t.title for t in mine.today] == ["Today one"]
    assert far in mine.this_week + mine.upcoming


def test_a_member_sees_only_their_own_tasks(work, login):
    _task(work, "Mine", days(1), work.member)
    _task(work, "Someone else's", days(1), work.other_member)
    _task(work, "The secretaries'", days(1), None)
    page = login(work.member_user).get(HOME).content.decode()
    assert "Mine" in page and "Someone else&#x27;s" not in page
    assert "The secretaries&#x27;" not in page
    # Unowned tasks belong to the unit's secretaries.
    page = login(work.secretary).get(HOME).content.decode()
    assert "The secretaries&#x27;" in page and "Mine" not in page


def test_it_shows_my_assignments_with_progress_and_links(work, login):
    from fieldwork.actions import do_record_one_to_one

    do_create_assignment(acting_user=work.secretary, unit=work.unit, title="Gate week",
                         member=work.member, contacts=work.contacts, goal=2)
    do_record_one_to_one(acting_user=work.secretary, unit=work.unit, contact=work.contacts[0],
                         member=work.member, date=days(0))
    response = login(work.member_user).get(HOME)
    [assignment] = response.context["my_assignments"]
    assert assignment.progress.done == 1
    page = response.content.decode()
    assert "Gate week" in page and "1 of 2 conversations" in page
    assert reverse("fieldwork:one_to_one", kwargs={"uid": work.field.uid}) in page


def test_it_shows_unread_notifications_and_writes_overdue_once(work, login):
    _task(work, "Leaflets", days(-1), work.member)
    client = login(work.member_user)
    client.get(HOME)
    page = client.get(HOME).content.decode()
    assert page.count("Your task is overdue: Leaflets") == 1
    assert notify.unread_count(work.member_user) == 2  # given, then overdue


def test_it_gives_a_member_with_a_field_a_conversation_to_record(work, login):
    step = login(work.secretary).get(HOME).context["next_step"]
    assert (step["kind"], step["field"]) == ("record", work.field)


def test_it_asks_a_secretary_without_fields_to_map_one(world, login):
    step = login(world.user("sibling_secretary")).get(HOME).context["next_step"]
    assert (step["kind"], step["unit"]) == ("map", world.units["cell_b"])
    assert reverse("fieldwork:field_create", kwargs={"uid": world.units["cell_b"].uid}) in \
        login(world.user("sibling_secretary")).get(HOME).content.decode()


def test_it_tells_a_user_without_roles_whom_to_ask(world, login):
    from accounts.models import User

    user = User.objects.create_user("newcomer", password="x" * 20)
    page = login(user).get(HOME).content.decode()
    assert "they need your username, newcomer" in page


def test_it_offers_new_organization_only_to_founders(world, login):
    create = reverse("organizations:organization_create")
    with override_settings(NUCLEUS_FOUNDERS="admins"):
        assert create not in login(world.user("cell_member")).get(HOME).content.decode()
    with override_settings(NUCLEUS_FOUNDERS="anyone"):
        assert create in login(world.user("cell_member")).get(HOME).content.decode()


def test_it_asks_the_same_number_of_queries_for_more_tasks_and_assignments(work, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(work.member_user)
    client.get(HOME)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME).status_code == 200
        return len(queries)

    _task(work, "One", days(1), work.member)
    do_create_assignment(acting_user=work.secretary, unit=work.unit, title="A",
                         member=work.member, contacts=work.contacts[:1], goal=1)
    client.get(HOME)  # the first "given" notifications are read from here on
    small = count()
    for n in range(4):
        _task(work, f"More {n}", days(n), work.member)
        do_create_assignment(acting_user=work.secretary, unit=work.unit, title=f"A{n}",
                             member=work.member, contacts=work.contacts, goal=2)
    assert count() == small
