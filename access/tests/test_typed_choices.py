"""Long person choices typed, not listed (access/typed_choices.py): over TYPED_OVER people a
choice is a text input taking an alias (one per line for several), found only among the
people the user may choose, so that it is no oracle."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from access import typed_choices
from access.choices import RestrictedChoicesForm
from accounts.models import User
from people.actions import do_create_person
from people.models import Person

pytestmark = pytest.mark.django_db


class PersonForm(RestrictedChoicesForm, forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.all(), required=False)
    people = forms.ModelMultipleChoiceField(queryset=Person.objects.all(), required=False)


@pytest.fixture
def few(monkeypatch):
    monkeypatch.setattr(typed_choices, "TYPED_OVER", 1)


def test_it_lists_short_choices_in_a_select(world):
    form = PersonForm(user=world.user("cell_member"))
    assert "<select" in str(form["person"])


def test_it_turns_a_long_choice_into_a_text_input(world, few):
    form = PersonForm(user=world.user("cell_member"))
    html = str(form["person"]) + str(form["people"])
    assert "<select" not in html and 'type="text"' in html and "<textarea" in html
    # No alias of the unit is written into the page.
    assert "alias-cella-1" not in html


def test_it_takes_a_typed_alias_and_a_uid(world, few):
    person, other = world.people["alias-cella-1"], world.people["alias-cella-2"]
    form = PersonForm({"person": " alias-cella-1 ", "people": f"alias-cella-2\n{person.uid}\n"},
                      user=world.user("cell_member"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["person"] == person
    assert set(form.cleaned_data["people"]) == {person, other}


def test_it_answers_an_alias_out_of_reach_like_one_nobody_has(world, few):
    member = world.user("cell_member")
    hidden = PersonForm({"person": "alias-cellb-1"}, user=member)
    missing = PersonForm({"person": "alias-nobody"}, user=member)
    assert not hidden.is_valid() and not missing.is_valid()
    assert hidden.errors["person"] == [e.replace("alias-nobody", "alias-cellb-1")
                                       for e in missing.errors["person"]]


def test_it_tells_two_people_of_one_alias_apart_by_their_unit(world, few):
    founder = User.objects.get(username="founder")
    for key in ("cell_a", "cell_b"):
        do_create_person(acting_user=founder, unit=world.units[key],
                         data={"alias": "twin", "status": "member"})
    overseer = world.user("overseer")
    both = PersonForm({"person": "twin"}, user=overseer)
    assert not both.is_valid()
    assert "in brackets" in both.errors["person"][0]
    unit_b = world.units["cell_b"]
    named = PersonForm({"person": f"twin ({unit_b.name})"}, user=overseer)
    assert named.is_valid(), named.errors
    assert named.cleaned_data["person"].unit == unit_b


def test_it_shows_an_initial_choice_by_its_alias(world, few):
    person = world.people["alias-cella-1"]
    form = PersonForm(initial={"person": person.pk, "people": [person]},
                      user=world.user("cell_member"))
    html = str(form["person"]) + str(form["people"])
    assert 'value="alias-cella-1"' in html and ">\nalias-cella-1</textarea>" in html


def test_it_shows_a_shared_alias_with_its_unit_so_that_it_goes_back_unchanged(world, few):
    founder = User.objects.get(username="founder")
    twins = [do_create_person(acting_user=founder, unit=world.units[key],
                              data={"alias": "twin", "status": "member"})
             for key in ("cell_a", "cell_b")]
    overseer = world.user("overseer")
    form = PersonForm(initial={"people": [t.pk for t in twins]}, user=overseer)
    with CaptureQueriesContext(connection) as queries:
        html = str(form["people"])
    lines = html.split(">", 1)[1].split("</textarea>", 1)[0].strip().splitlines()
    assert sorted(lines) == sorted(f"twin ({t.unit.name})" for t in twins)
    assert len(queries) <= 3  # the form's few queries, not one per person
    back = PersonForm({"people": "\n".join(lines)}, user=overseer)
    assert back.is_valid(), back.errors
    assert set(back.cleaned_data["people"]) == set(twins)
