"""A cell member records their own one-to-ones (Activity's anchor: member_right "log"): in
their own name only, with the contacts they see, and closes only their own follow-ups."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from access.actions import do_grant_role
from accounts.models import User
from fieldwork.models import Activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(fw):
    """The cell member's login, linked to their person in Cell A."""
    user = fw.world.user("cell_member")
    User.objects.filter(pk=user.pk).update(person=fw.member)
    return User.objects.get(pk=user.pk)


def _url(fw):
    return reverse("fieldwork:one_to_one", kwargs={"uid": fw.field.uid})


def _post(client, fw, contact, member_person, **data):
    values = {"contact": contact.uid, "member": member_person.uid if member_person else "",
              "date": timezone.localdate().isoformat(), "outcome": "", "follow_up_on": "",
              "notes": "", **data}
    return client.post(_url(fw), values)


def test_it_offers_the_member_themselves_and_the_contacts_they_see(fw, member, login):
    contact = fw.contact("c-member-1")
    form = login(member).get(_url(fw)).context["form"]
    assert list(form.fields["member"].queryset) == [fw.member]
    assert form["member"].value() == fw.member.pk or form.fields["member"].initial == fw.member
    assert list(form.fields["contact"].queryset) == [contact]


def test_it_records_the_members_one_to_one_in_their_name(fw, member, login):
    contact = fw.contact("c-member-1")
    later = timezone.localdate() + timedelta(days=3)
    response = _post(login(member), fw, contact, fw.member, follow_up_on=later.isoformat())
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.created_by == member
    assert list(activity.members.all()) == [fw.member]
    assert list(activity.contacts.all()) == [contact]


def test_it_refuses_recording_in_another_members_name(fw, member, login):
    contact = fw.contact("c-member-1")
    other = fw.world.people["alias-cella-2"]
    response = _post(login(member), fw, contact, other)
    assert response.status_code == 200 and response.context["form"].errors["member"]
    assert not Activity.objects.exists()


def test_it_lets_the_member_close_only_their_own_follow_ups(fw, member, login):
    contact = fw.contact("c-member-1")
    later = (timezone.localdate() + timedelta(days=3)).isoformat()
    client = login(member)
    _post(client, fw, contact, fw.member, follow_up_on=later)
    own = Activity.objects.get()
    theirs = fw.activity(timezone.localdate(), follow_up_on=timezone.localdate())
    done = "fieldwork:follow_up_done"
    assert client.post(reverse(done, kwargs={"uid": own.uid})).status_code == 302
    assert client.post(reverse(done, kwargs={"uid": theirs.uid})).status_code == 404


def test_it_answers_not_found_to_observers_and_other_cells(fw, login):
    observer = User.objects.create_user("observer_a", password="x" * 20)
    do_grant_role(acting_user=None, user=observer, unit=fw.world.units["cell_a"],
                  kind="observer")
    sibling = User.objects.create_user("member_b", password="x" * 20)
    do_grant_role(acting_user=None, user=sibling, unit=fw.world.units["cell_b"], kind="member")
    for user in (observer, sibling, fw.world.user("overseer")):
        assert login(user).get(_url(fw)).status_code == 404, user
    wall = reverse("fieldwork:wall_chart", kwargs={"uid": fw.field.uid})
    body = login(observer).get(wall).content.decode()
    assert _url(fw) not in body  # no "Record a one-to-one" for a read-only role
