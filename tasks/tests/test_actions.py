"""Tasks and assignments through their actions: owners, contacts, bulk tasks, the period."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from audit.models import AuditEvent
from tasks.actions import do_complete_task, do_create_assignment, do_create_task, this_week
from tasks.models import Notification, Task
from tasks.tests.conftest import days

pytestmark = pytest.mark.django_db


def test_it_creates_one_task_per_contact(work):
    tasks = do_create_task(acting_user=work.secretary, unit=work.unit,
                           data={"title": "Bring the petition", "owner": work.member,
                                 "due_on": days(2)}, contacts=work.contacts)
    assert [t.contact for t in tasks] == work.contacts
    assert {t.owner for t in tasks} == {work.member}
    assert AuditEvent.objects.filter(model="tasks.Task", action="create").count() == 2


def test_it_refuses_an_owner_who_is_not_a_member_of_the_unit(work):
    with pytest.raises(ValidationError) as refused:
        do_create_task(acting_user=work.secretary, unit=work.unit,
                       data={"title": "x", "owner": work.world.people["alias-cellb-1"],
                             "due_on": days(1)})
    assert "owner" in refused.value.message_dict


def test_it_refuses_a_contact_as_owner(work):
    with pytest.raises(ValidationError):
        do_create_task(acting_user=None, unit=work.unit,
                       data={"title": "x", "owner": work.contacts[0], "due_on": days(1)})


def test_it_refuses_a_contact_of_another_unit(work):
    from fieldwork.actions import do_create_contact, do_create_field

    school = do_create_field(acting_user=None, unit=work.world.units["cell_b"],
                             data={"name": "School"})
    elsewhere = do_create_contact(acting_user=None, field=school, alias="c-elsewhere").person
    with pytest.raises(ValidationError) as refused:
        do_create_task(acting_user=work.secretary, unit=work.unit,
                       data={"title": "x", "due_on": days(1)}, contacts=[elsewhere])
    assert "contacts" in refused.value.message_dict
    assert not Task.objects.filter(contact=elsewhere).exists()


def test_it_refuses_a_user_who_may_not_add_to_the_unit(work):
    with pytest.raises(Http404):
        do_create_task(acting_user=work.world.user("sibling_secretary"), unit=work.unit,
                       data={"title": "x", "due_on": days(1)})


def test_it_tells_the_owner_when_someone_else_gives_the_task(work):
    [task] = do_create_task(acting_user=work.secretary, unit=work.unit,
                            data={"title": "Call the union", "owner": work.member,
                                  "due_on": days(1)})
    [told] = Notification.objects.filter(kind="task_assigned")
    assert (told.recipient, told.subject_uid, told.unit) == (work.member_user, task.uid,
                                                             work.unit)


def test_it_does_not_tell_owners_about_their_own_tasks(work):
    from tasks.notify import notify_assigned

    [task] = do_create_task(acting_user=None, unit=work.unit,
                            data={"title": "x", "owner": work.member, "due_on": days(1)})
    Notification.objects.all().delete()
    notify_assigned(acting_user=work.member_user, task=task)
    assert not Notification.objects.exists()


def test_it_lets_the_owner_complete_a_task_and_nobody_else_who_only_reads(work):
    [task] = do_create_task(acting_user=work.secretary, unit=work.unit,
                            data={"title": "x", "owner": work.other_member, "due_on": days(1)})
    with pytest.raises(Http404):
        do_complete_task(acting_user=work.member_user, task=task)
    task.owner = work.member
    task.save()
    done = do_complete_task(acting_user=work.member_user, task=task)
    assert (done.state, done.done_by, done.done_on) == ("done", work.member_user, days(0))


def test_it_gives_an_assignment_for_this_week_by_default(work):
    assignment = do_create_assignment(acting_user=work.secretary, unit=work.unit,
                                      title="Night shift", member=work.member,
                                      contacts=work.contacts, goal=2)
    monday, sunday = this_week()
    assert (assignment.starts_on, assignment.ends_on) == (monday, sunday)
    assert monday.weekday() == 0 and (sunday - monday).days == 6
    assert set(assignment.contacts.all()) == set(work.contacts)


def test_it_refuses_an_assignment_to_a_member_of_another_unit(work):
    with pytest.raises(ValidationError) as refused:
        do_create_assignment(acting_user=work.secretary, unit=work.unit, title="x",
                             member=work.world.people["alias-cellb-1"],
                             contacts=work.contacts, goal=1)
    assert "member" in refused.value.message_dict


def test_it_refuses_an_assignment_without_contacts(work):
    with pytest.raises(ValidationError):
        do_create_assignment(acting_user=work.secretary, unit=work.unit, title="x",
                             member=work.member, contacts=[], goal=1)
