"""The last contact kept on the contact's profile: in step with recording, correcting and
removing activities, and with a merge of two contacts."""

import pytest

from fieldwork.actions import do_create_activity, do_delete, do_update_activity
from fieldwork.models import ContactProfile
from fieldwork.tests.conftest import days_ago
from people.merge import do_merge_people

pytestmark = pytest.mark.django_db


def last_contact(person):
    return ContactProfile.objects.get(person=person).last_contact_on


def test_it_is_empty_until_someone_talks_to_the_contact(fw):
    contact = fw.contact("Quiet One")
    assert last_contact(contact) is None
    fw.activity(days_ago(3), contacts=[contact])
    assert last_contact(contact) == days_ago(3)


def test_it_keeps_the_latest_date_whatever_the_order_of_recording(fw):
    contact = fw.contact("Talker")
    fw.activity(days_ago(2), contacts=[contact])
    fw.activity(days_ago(9), contacts=[contact])
    assert last_contact(contact) == days_ago(2)


def test_it_follows_a_corrected_date_and_a_removed_activity(fw):
    contact = fw.contact("Corrected")
    older = fw.activity(days_ago(10), contacts=[contact])
    newer = fw.activity(days_ago(1), contacts=[contact])
    do_update_activity(acting_user=fw.secretary, activity=newer, data={"date": days_ago(5)})
    assert last_contact(contact) == days_ago(5)
    do_delete(acting_user=fw.secretary, obj=newer)
    assert last_contact(contact) == days_ago(10)
    do_delete(acting_user=fw.secretary, obj=older)
    assert last_contact(contact) is None


def test_it_follows_contacts_taken_off_an_activity(fw):
    kept, dropped = fw.contact("Kept"), fw.contact("Dropped")
    activity = do_create_activity(acting_user=fw.secretary, unit=fw.field.unit, data={
        "kind": "home_visit", "date": days_ago(4), "field": fw.field}, contacts=[kept, dropped])
    do_update_activity(acting_user=fw.secretary, activity=activity, data={}, contacts=[kept])
    assert (last_contact(kept), last_contact(dropped)) == (days_ago(4), None)


def test_a_merge_keeps_the_later_of_both_histories(fw):
    keep, duplicate = fw.contact("Keep Me"), fw.contact("Keep Me Too")
    fw.activity(days_ago(20), contacts=[keep])
    fw.activity(days_ago(6), contacts=[duplicate])
    do_merge_people(acting_user=fw.secretary, keep=keep, duplicate=duplicate)
    assert last_contact(keep) == days_ago(6)
