"""The change feed: changed records and tombstones since a time, within the caller's scope."""

import pytest
from django.utils import timezone

from people.actions import do_delete_person, do_update_person

pytestmark = pytest.mark.django_db

URL = "/api/changes/"


def test_it_lists_changes_and_deletions_in_the_callers_compartment_only(world, login):
    since = timezone.now()
    secretary = world.user("cell_secretary")
    changed = world.people["alias-cella-1"]
    gone = world.people["alias-cella-2"]
    elsewhere = world.people["alias-cellx-1"]
    do_update_person(acting_user=secretary, person=changed, data={"alias": "alias-cella-1c"})
    do_delete_person(acting_user=secretary, person=gone)
    do_delete_person(acting_user=None, person=elsewhere)

    body = login(secretary).get(URL, {"since": since.isoformat()}).json()
    assert [(c["model"], c["uid"]) for c in body["changed"]] == [
        ("people.Person", str(changed.uid))]
    assert [(d["model"], d["uid"]) for d in body["deleted"]] == [
        ("people.Person", str(gone.uid))]
    # The other party's secretary learns of their own deletion only.
    other = login(world.user("outsider")).get(URL, {"since": since.isoformat()}).json()
    assert [d["uid"] for d in other["deleted"]] == [str(elsewhere.uid)]
    assert other["changed"] == []
    # Asking again from `until` gives nothing new.
    again = login(secretary).get(URL, {"since": body["until"]}).json()
    assert again["changed"] == [] and again["deleted"] == []


def test_it_asks_for_a_time(world, login):
    response = login(world.user("cell_secretary")).get(URL)
    assert response.status_code == 400
    assert "since" in response.json()
