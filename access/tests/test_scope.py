"""The access model, stated with the cast: who sees which people, units, organizations."""

import pytest

from access.helpers import access_object
from organizations.models import Coalition, Organization, Unit
from people.models import Person

pytestmark = pytest.mark.django_db

VISIBLE_PEOPLE = {
    "cell_secretary": {"cella"},
    "cell_member": {"cella"},
    "sibling_secretary": {"cellb"},
    "overseer": {"cella", "cellb", "north"},
    "committee_member": {"north"},
    "coalition_office": set(),
    "outsider": {"cellx"},
    "anonymous": set(),
}


def _units_of(qs):
    return {alias.split("-")[1] for alias in qs.values_list("alias", flat=True)}


@pytest.mark.parametrize("name", list(VISIBLE_PEOPLE))
def test_it_shows_each_user_only_their_compartment(world, name):
    user = world.user(name)
    assert _units_of(Person.objects.restrict(user)) == VISIBLE_PEOPLE[name]


def test_it_lets_a_committee_member_count_but_not_list_cells(world):
    user = world.user("committee_member")
    assert not Person.objects.restrict(user).filter(unit=world.units["cell_a"]).exists()
    assert Person.objects.countable(user).filter(unit=world.units["cell_a"]).count() == 2
    assert Unit.objects.restrict(user).filter(pk=world.units["cell_a"].pk).exists()


def test_it_hides_units_above_and_beside(world):
    visible = set(Unit.objects.restrict(world.user("cell_secretary")).values_list("name",
                                                                                  flat=True))
    assert visible == {"Cell A"}


def test_it_fails_the_same_for_missing_and_forbidden(world):
    from django.http import Http404

    user = world.user("cell_member")
    with pytest.raises(Http404):
        access_object(Person, user, world.people["alias-cellb-1"].pk)
    with pytest.raises(Http404):
        access_object(Person, user, 10**9)
    with pytest.raises(Http404):
        access_object(Person, user, "not-a-number")


def test_it_separates_reveal_from_view(world):
    person = world.people["alias-cella-1"]
    assert Person.objects.restrict(world.user("cell_secretary"), "reveal").filter(
        pk=person.pk).exists()
    assert not Person.objects.restrict(world.user("cell_member"), "reveal").filter(
        pk=person.pk).exists()
    assert Person.objects.restrict(world.user("cell_member"), "view").filter(pk=person.pk).exists()


def test_it_shows_the_coalition_office_organizations_not_people(world):
    office = world.user("coalition_office")
    names = set(Organization.objects.restrict(office).values_list("name", flat=True))
    assert names == {"Red Party", "Profile Org"}
    assert not Person.objects.restrict(office).exists()
    assert Coalition.objects.restrict(office).count() == 1
    assert Coalition.objects.restrict(world.user("cell_member")).count() == 1
    assert Coalition.objects.restrict(world.user("outsider")).count() == 0


def test_it_moves_records_with_a_moved_unit(world):
    from organizations.actions import do_move_unit

    do_move_unit(acting_user=None, unit=world.units["cell_a"], new_parent=world.units["south"])
    # The overseer of North no longer sees Cell A's people: they moved with their cell.
    assert _units_of(Person.objects.restrict(world.user("overseer"))) == {"cellb", "north"}
