"""Merging two records of the same person: every reference is handed over, the duplicate
leaves a tombstone, and what may not be merged is refused with the reason."""

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent, Tombstone
from fieldwork.actions import do_create_tie
from fieldwork.models import Activity, Assessment, ContactProfile, Tie
from fieldwork.tests.conftest import days_ago
from people.actions import do_create_person, reveal_identity
from people.merge import do_merge_people
from people.models import Identity, Person

pytestmark = pytest.mark.django_db


def test_it_hands_every_reference_to_the_person_kept(fw):
    keep = fw.contact("worker-once", identity=Identity(legal_name="Kept Name"))
    dup = fw.contact("worker-twice", identity=Identity(phone="+98 912 555 0101"))
    fw.assess(dup, 1, on=days_ago(2))
    shared = fw.activity(days_ago(3), contacts=[keep, dup])
    only_dup = fw.activity(days_ago(4), contacts=[dup])
    do_create_tie(acting_user=fw.secretary, from_person=keep, to_person=dup,
                  kind="knows")
    do_create_tie(acting_user=fw.secretary, from_person=dup, to_person=fw.member,
                  kind="in_touch")

    merged = do_merge_people(acting_user=fw.secretary, keep=keep, duplicate=dup)

    assert not Person.objects.filter(pk=dup.pk).exists()
    assert list(shared.contacts.all()) == [keep]
    assert list(only_dup.contacts.all()) == [keep]
    assert Assessment.objects.filter(person=keep).count() == 1
    # The duplicate's latest assessment is now the kept person's current level.
    assert ContactProfile.objects.get(person=keep).current_level.value == 1
    # The tie between the two records would link the person with themselves: it goes.
    assert list(Tie.objects.values_list("from_person", "to_person")) == [
        (keep.pk, fw.member.pk)]
    identity = reveal_identity(acting_user=fw.secretary, person=merged)
    assert (identity.legal_name, identity.phone) == ("Kept Name", "+98 912 555 0101")
    # The duplicate's contact profile and the duplicate itself leave tombstones.
    assert set(Tombstone.objects.values_list("model", flat=True)) == {
        "people.Person", "fieldwork.ContactProfile"}
    assert Tombstone.objects.get(uid=dup.uid).unit_id == dup.unit_id
    event = AuditEvent.objects.get(model="people.Person", object_id=keep.pk, action="merge")
    assert "phone" in event.fields and "+98" not in str(event.changes)
    assert "fieldwork.Activity.contacts" in event.fields


def test_it_refuses_people_of_different_units(world):
    keep = world.people["alias-cella-1"]
    other = world.people["alias-cellb-1"]
    # The overseer of the North Committee sees both units, but may not delete: no merge.
    with pytest.raises(ValidationError, match="records you may delete"):
        do_merge_people(acting_user=world.user("overseer"), keep=keep, duplicate=other)
    founder_like = world.user("cell_secretary")
    with pytest.raises(ValidationError, match="records you may delete"):
        do_merge_people(acting_user=founder_like, keep=keep, duplicate=other)


def test_it_refuses_two_units_even_to_who_may_delete_in_both(world):
    from accounts.models import User

    founder = User.objects.get(username="founder")
    with pytest.raises(ValidationError, match="different units"):
        do_merge_people(acting_user=founder, keep=world.people["alias-cella-1"],
                        duplicate=world.people["alias-cellb-1"])
    assert Person.objects.filter(pk=world.people["alias-cellb-1"].pk).exists()


def test_it_refuses_a_person_the_user_cannot_see_with_the_same_reason_as_a_missing_one(world):
    user = world.user("cell_secretary")
    keep = world.people["alias-cella-1"]
    hidden = world.people["alias-cellx-1"]
    with pytest.raises(ValidationError) as seen:
        do_merge_people(acting_user=user, keep=keep, duplicate=hidden)
    missing = Person(pk=987654321)
    with pytest.raises(ValidationError) as absent:
        do_merge_people(acting_user=user, keep=keep, duplicate=missing)
    assert seen.value.messages == absent.value.messages


def test_it_refuses_a_record_with_itself_and_a_member_with_a_contact(fw):
    keep = fw.member
    with pytest.raises(ValidationError, match="not merged with itself"):
        do_merge_people(acting_user=fw.secretary, keep=keep, duplicate=keep)
    contact = fw.contact("c-kind")
    with pytest.raises(ValidationError, match="member and the other a contact"):
        do_merge_people(acting_user=fw.secretary, keep=keep, duplicate=contact)


def test_it_refuses_when_both_have_a_login_and_changes_nothing(world):
    from accounts.models import User

    unit = world.units["cell_a"]
    a = do_create_person(acting_user=None, unit=unit, data={"alias": "twice-a"})
    b = do_create_person(acting_user=None, unit=unit, data={"alias": "twice-b"})
    User.objects.create_user("login-a", person=a)
    User.objects.create_user("login-b", person=b)
    activity = Activity.objects.create(unit=unit, kind="home_visit", date=a.status_since)
    activity.members.add(b)
    with pytest.raises(ValidationError, match="Both people have a login"):
        do_merge_people(acting_user=world.user("cell_secretary"), keep=a, duplicate=b)
    assert Person.objects.filter(pk=b.pk).exists()
    assert list(activity.members.all()) == [b]


def test_it_refuses_to_merge_an_identity_without_identity_access(world):
    from access.actions import do_grant_role
    from accounts.models import User

    unit = world.units["cell_a"]
    secretary = User.objects.create_user("secretary-no-identity")
    do_grant_role(acting_user=world.user("cell_secretary"), user=secretary, unit=unit,
                  kind="secretary")
    keep = do_create_person(acting_user=None, unit=unit, data={"alias": "known-once"})
    dup = do_create_person(acting_user=None, unit=unit, data={"alias": "known-twice"},
                           identity=Identity(phone="+98 912 555 0199"))
    with pytest.raises(ValidationError, match="needs identity access"):
        do_merge_people(acting_user=secretary, keep=keep, duplicate=dup)
    assert Person.objects.filter(pk=dup.pk).exists()
    assert keep.unseal_identity().phone == ""
    # Without an identity to take over, the same secretary may merge.
    plain = do_create_person(acting_user=None, unit=unit, data={"alias": "plain-twice"})
    do_merge_people(acting_user=secretary, keep=keep, duplicate=plain)
    assert not Person.objects.filter(pk=plain.pk).exists()
