"""Contacts (Person kind contact + profile), mass organizations, union presence and ties."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from access.helpers import access_object
from fieldwork.actions import (
    do_create_mass_organization,
    do_create_tie,
    do_set_contact_profile,
    do_set_union_presence,
    do_update_contact_profile,
)
from fieldwork.models import ContactProfile, MassOrganization, Tie, UnionPresence
from people.actions import do_create_person

pytestmark = pytest.mark.django_db


def test_it_creates_a_contact_in_the_unit_that_works_the_field(fw):
    person = fw.contact("c-ali", part="Rolling mill", job="welder", leader=True,
                        tags="safety, night,safety")
    assert person.kind == "contact" and person.unit == fw.world.units["cell_a"]
    profile = person.contact_profile
    assert profile.field == fw.field and profile.part.name == "Rolling mill"
    assert profile.tags == "safety, night" and profile.tag_list == ["safety", "night"]


def test_it_rejects_a_part_of_another_field(fw):
    other = fw.new_field("Bakery")
    person = fw.contact("c-bo")
    with pytest.raises(ValidationError) as exc:
        do_set_contact_profile(acting_user=fw.secretary, person=person, field=other,
                               data={"part": fw.parts["Night shift"]})
    assert "part" in exc.value.message_dict


def test_it_clears_the_part_when_a_contact_moves_to_another_field(fw):
    other = fw.new_field("Bakery")
    person = fw.contact("c-mover", part="Night shift")
    profile = do_set_contact_profile(acting_user=fw.secretary, person=person, field=other,
                                     data={})
    assert profile.field == other and profile.part is None


def test_it_rejects_a_profile_for_a_member_or_a_contact_of_another_unit(fw):
    with pytest.raises(ValidationError):
        do_set_contact_profile(acting_user=None, person=fw.member, field=fw.field, data={})
    stranger = do_create_person(acting_user=None, unit=fw.world.units["cell_b"],
                                data={"alias": "c-stranger", "kind": "contact"})
    with pytest.raises(ValidationError) as exc:
        do_set_contact_profile(acting_user=None, person=stranger, field=fw.field, data={})
    assert "field" in exc.value.message_dict


def test_it_tracks_mass_organizations_per_organization(fw):
    rp, op = fw.world.orgs["rp"], fw.world.orgs["op"]
    union = do_create_mass_organization(acting_user=fw.secretary, organization=rp, data={
        "name": "Metalworkers Union", "kind": "trade_union", "orientation": "class"})
    foreign = do_create_mass_organization(acting_user=None, organization=op, data={
        "name": "Yellow Union", "kind": "trade_union", "orientation": "bureaucratic"})
    presence = do_set_union_presence(acting_user=fw.secretary, field=fw.field,
                                     mass_organization=union, members_approx=40)
    again = do_set_union_presence(acting_user=fw.secretary, field=fw.field,
                                  mass_organization=union, members_approx=55)
    assert presence.pk == again.pk and UnionPresence.objects.get().members_approx == 55
    with pytest.raises(ValidationError):
        do_set_union_presence(acting_user=None, field=fw.field, mass_organization=foreign,
                              members_approx=1)
    person = fw.contact("c-unionist")
    with pytest.raises(ValidationError):
        do_update_contact_profile(acting_user=None, profile=person.contact_profile,
                                  data={"union": foreign})
    # Every user of the Red Party sees its mass organizations; the outsider sees only theirs.
    assert access_object(MassOrganization, fw.world.user("committee_member"), union.pk)
    with pytest.raises(Http404):
        access_object(MassOrganization, fw.world.user("outsider"), union.pk)
    assert list(MassOrganization.objects.restrict(fw.world.user("outsider"))) == [foreign]
    assert not MassOrganization.objects.restrict(fw.world.user("cell_member"), "add").exists()
    assert UnionPresence.objects.restrict(fw.world.user("committee_member")).count() == 1
    assert not UnionPresence.objects.restrict(fw.world.user("sibling_secretary")).exists()


def test_it_shows_contact_profiles_only_to_the_records_holders(fw):
    profile = fw.contact("c-hidden").contact_profile
    assert access_object(ContactProfile, fw.world.user("cell_member"), profile.pk) == profile
    assert access_object(ContactProfile, fw.world.user("overseer"), profile.pk) == profile
    for name in ("committee_member", "sibling_secretary", "outsider"):
        with pytest.raises(Http404):
            access_object(ContactProfile, fw.world.user(name), profile.pk)
    assert ContactProfile.objects.countable(fw.world.user("committee_member")).count() == 1


def test_it_records_ties_within_one_unit(fw):
    a, b = fw.contact("c-a"), fw.contact("c-b")
    tie = do_create_tie(acting_user=fw.secretary, from_person=a, to_person=b,
                        kind="works_beside")
    with pytest.raises(ValidationError):  # the same pair and kind again
        do_create_tie(acting_user=fw.secretary, from_person=a, to_person=b,
                      kind="works_beside")
    with pytest.raises(ValidationError):  # ... or the other way round
        do_create_tie(acting_user=fw.secretary, from_person=b, to_person=a,
                      kind="works_beside")
    with pytest.raises(ValidationError):
        do_create_tie(acting_user=fw.secretary, from_person=a, to_person=a, kind="knows")
    with pytest.raises(ValidationError):
        do_create_tie(acting_user=fw.secretary, from_person=a,
                      to_person=fw.world.people["alias-cellb-1"], kind="knows")
    assert access_object(Tie, fw.world.user("cell_member"), tie.pk) == tie
    with pytest.raises(Http404):
        access_object(Tie, fw.world.user("committee_member"), tie.pk)


def test_it_links_in_touch_only_a_member_with_a_contact(fw):
    a, b = fw.contact("c-x"), fw.contact("c-y")
    with pytest.raises(ValidationError) as exc:
        do_create_tie(acting_user=fw.secretary, from_person=a, to_person=b, kind="in_touch")
    assert "kind" in exc.value.message_dict
    tie = do_create_tie(acting_user=fw.secretary, from_person=fw.member, to_person=a,
                        kind="in_touch")
    assert Tie.objects.restrict(fw.secretary).get() == tie


def test_it_keeps_a_contact_and_ties_in_their_unit_when_someone_moves(fw):
    """Moving a mapped contact or a person with ties would show the new unit people of the
    old one: refused with a reason, and nothing changes."""
    from people.actions import do_move_person

    cell_b = fw.world.units["cell_b"]
    contact = fw.contact("c-stays")
    with pytest.raises(ValidationError) as exc:
        do_move_person(acting_user=fw.secretary, person=contact, unit=cell_b)
    assert "field they are mapped in" in exc.value.message_dict["unit"][0]
    contact.refresh_from_db()
    assert contact.unit == fw.world.units["cell_a"]

    do_create_tie(acting_user=fw.secretary, from_person=fw.member, to_person=contact,
                  kind="knows")
    with pytest.raises(ValidationError) as exc:
        do_move_person(acting_user=fw.secretary, person=fw.member, unit=cell_b)
    assert "ties stay within a unit" in exc.value.message_dict["unit"][0]
    fw.member.refresh_from_db()
    assert fw.member.unit == fw.world.units["cell_a"]
    assert Tie.objects.filter(from_person=fw.member).count() == 1

    # Without ties a member moves.
    Tie.objects.filter(from_person=fw.member).delete()
    moved = do_move_person(acting_user=fw.secretary, person=fw.member, unit=cell_b)
    assert moved.unit == cell_b
