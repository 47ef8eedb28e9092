"""The kept people counts per unit (people/headcounts.py) equal a fresh count after every kind
of change: a new person or contact, a move, a deletion, a merge; and the pages that count a
subtree read them."""

import pytest
from django.urls import reverse

from fieldwork.actions import do_create_field
from fieldwork.actions.contacts import do_create_contact
from people.actions import do_create_person, do_delete_person, do_move_person
from people.headcounts import fresh_counts, rebuild
from people.merge import do_merge_people
from people.models import Headcount, Person

pytestmark = pytest.mark.django_db


def kept() -> dict[int, int]:
    return {h.unit_id: h.people for h in Headcount.objects.all() if h.people}


def founder(world):
    return world.user("cell_secretary").__class__.objects.get(username="founder")


def test_it_starts_equal_to_a_fresh_count(world):
    assert kept() == fresh_counts(Person)
    assert kept()[world.units["cell_a"].pk] == 2


def test_it_follows_a_new_person_and_a_new_contact(world):
    user = world.user("cell_secretary")
    do_create_person(acting_user=user, unit=world.units["cell_a"], data={"alias": "hc-new"})
    field = do_create_field(acting_user=user, unit=world.units["cell_a"],
                            data={"name": "Bakery"})
    do_create_contact(acting_user=user, field=field, alias="hc-contact")
    assert kept() == fresh_counts(Person)
    assert kept()[world.units["cell_a"].pk] == 4


def test_it_follows_a_move(world):
    person = world.people["alias-cella-1"]
    do_move_person(acting_user=founder(world), person=person, unit=world.units["cell_b"])
    assert kept() == fresh_counts(Person)
    assert kept()[world.units["cell_a"].pk] == 1
    assert kept()[world.units["cell_b"].pk] == 3


def test_it_follows_a_deletion(world):
    do_delete_person(acting_user=founder(world), person=world.people["alias-cella-1"])
    assert kept() == fresh_counts(Person)
    assert kept()[world.units["cell_a"].pk] == 1


def test_it_follows_a_merge(world):
    user = founder(world)
    duplicate = do_create_person(acting_user=user, unit=world.units["cell_a"],
                                 data={"alias": "hc-twin", "status": "member"})
    do_merge_people(acting_user=user, keep=world.people["alias-cella-1"], duplicate=duplicate)
    assert kept() == fresh_counts(Person)
    assert kept()[world.units["cell_a"].pk] == 2


def test_it_is_rebuilt_from_the_people_on_file(world):
    # What the migration does once, and the benchmark after writing people as rows.
    Headcount.objects.all().delete()
    Person.objects.filter(pk=world.people["alias-cella-1"].pk).update(alias="hc-renamed")
    assert rebuild() == len(fresh_counts(Person))
    assert kept() == fresh_counts(Person)


def test_the_home_page_counts_from_the_kept_counts(world, login):
    # A count that only the kept row knows shows on the page: it is what the page reads.
    user = world.user("overseer")
    Headcount.objects.filter(unit=world.units["cell_a"]).update(people=40)
    response = login(user).get(reverse("accounts:home"))
    # North: cell A (the kept 40), cell B's two and the committee's own two.
    assert [r.people_count for r in response.context["roles"]] == [44]
