"""RestrictedChoicesForm: every model choice limited to restrict(user), with no code in the
form itself; narrowing stays possible, widening is not."""

from uuid import uuid4

import pytest
from django import forms

from access.choices import RestrictedChoicesForm
from people.models import Person

pytestmark = pytest.mark.django_db


class AnyPersonForm(RestrictedChoicesForm, forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.all())
    people = forms.ModelMultipleChoiceField(queryset=Person.objects.all(), required=False)


class NarrowedForm(AnyPersonForm):
    choice_actions = {"person": "change"}

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        # Set after the base's __init__ ran: still restricted, because the base restricts
        # after the outermost __init__.
        self.fields["person"].queryset = Person.objects.filter(unit=unit)


def _offered(form, name):
    return {str(label) for _value, label in form.fields[name].choices if _value}


def test_it_limits_every_model_choice_to_what_the_user_sees(world):
    form = AnyPersonForm(user=world.user("cell_member"))
    assert _offered(form, "person") == {"alias-cella-1", "alias-cella-2"}
    assert _offered(form, "people") == {"alias-cella-1", "alias-cella-2"}


def test_it_refuses_a_hidden_choice_like_a_missing_one(world):
    hidden = world.people["alias-cellb-1"]
    form = AnyPersonForm({"person": hidden.uid}, user=world.user("cell_member"))
    assert not form.is_valid()
    missing = AnyPersonForm({"person": uuid4()}, user=world.user("cell_member"))
    assert not missing.is_valid()
    assert form.errors["person"] == missing.errors["person"]


def test_it_names_every_choice_by_uid_never_by_pk(world):
    # A pk in an option (or a filter's query string) counts the install's rows (issue #9).
    member = world.user("cell_member")
    form = AnyPersonForm(user=member)
    html = str(form["person"]) + str(form["people"])
    for person in Person.objects.restrict(member):
        assert f'value="{person.uid}"' in html and f'value="{person.pk}"' not in html
    person = world.people["alias-cella-1"]
    chosen = AnyPersonForm({"person": str(person.uid), "people": [str(person.uid)]}, user=member)
    assert chosen.is_valid(), chosen.errors
    assert chosen.cleaned_data["person"] == person and list(chosen.cleaned_data["people"]) == [
        person]


def test_it_answers_a_pk_or_garbage_as_an_invalid_choice(world):
    member = world.user("cell_member")
    person = world.people["alias-cella-1"]
    for value in (person.pk, "nope", "1 OR 1=1"):
        form = AnyPersonForm({"person": value, "people": [value]}, user=member)
        assert not form.is_valid()
        assert form.errors["person"] == ["Select a valid choice. That choice is not one of "
                                         "the available choices."]
        assert "valid choice" in form.errors["people"][0]
        assert "UUID" not in str(form.errors)


def test_it_restricts_querysets_set_by_a_subclass_and_uses_the_named_action(world):
    # The overseer sees Cell B's people but may not change them.
    form = NarrowedForm(user=world.user("overseer"), unit=world.units["cell_b"])
    assert _offered(form, "person") == set()
    form = NarrowedForm(user=world.user("sibling_secretary"), unit=world.units["cell_b"])
    assert _offered(form, "person") == {"alias-cellb-1", "alias-cellb-2"}


def test_it_will_not_build_a_form_with_model_choices_without_a_user():
    with pytest.raises(TypeError, match="pass user="):
        AnyPersonForm()
