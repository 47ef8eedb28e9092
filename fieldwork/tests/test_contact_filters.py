"""fieldwork/filters.py: each filter of the contact lists, on the FilterSet itself (the pages
and the API bind the same one)."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from fieldwork.actions import do_create_mass_organization, do_create_tie
from fieldwork.filters import ContactFilter, clean_query
from fieldwork.queries import contacts_in
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


def aliases(fw, query: str, **where) -> set[str]:
    where = where or {"unit": fw.world.units["cell_a"]}
    user = fw.secretary
    filters = ContactFilter(QueryDict(query), queryset=contacts_in(user, **where), user=user,
                            **where)
    assert filters.is_valid(), filters.errors
    return {p.person.alias for p in filters.qs}


def errors(fw, query: str, user=None) -> dict:
    user = user or fw.secretary
    unit = fw.world.units["cell_a"]
    filters = ContactFilter(QueryDict(query), queryset=contacts_in(user, unit=unit), user=user,
                            unit=unit)
    assert not filters.is_valid()
    return filters.errors


@pytest.fixture
def crew(fw):
    """Four contacts of the Steelworks, one of another field of Cell A."""
    people = {
        "ana": fw.contact("ana", part="Rolling mill", leader=True),
        "bo": fw.contact("bo", part="Night shift"),
        "cy": fw.contact("cy"),
        "dee": fw.contact("dee", part="Rolling mill"),
        "eli": fw.contact("eli", field=fw.new_field("Depot")),
    }
    return people


def test_it_filters_by_field_and_part(fw, crew):
    depot = crew["eli"].contact_profile.field
    assert aliases(fw, f"field={depot.uid}") == {"eli"}
    assert aliases(fw, f"part={fw.parts['Rolling mill'].uid}") == {"ana", "dee"}


def test_it_filters_by_current_level_and_not_assessed(fw, crew):
    fw.assess(crew["ana"], 1)
    fw.assess(crew["bo"], 2)
    fw.assess(crew["bo"], 3, on=days_ago(5))  # older: bo stays at 2
    assert aliases(fw, "level=2") == {"bo"}
    assert aliases(fw, "level=1&level=2") == {"ana", "bo"}
    assert aliases(fw, "level=none") == {"cy", "dee", "eli"}
    assert aliases(fw, "level=1&level=none") == {"ana", "cy", "dee", "eli"}


def test_it_filters_by_last_contact_within_not_for_and_never(fw, crew):
    fw.activity(days_ago(3), contacts=[crew["ana"]])
    fw.activity(days_ago(40), contacts=[crew["bo"]])
    fw.activity(days_ago(10), contacts=[crew["cy"]])
    assert aliases(fw, "contact=within&days=7") == {"ana"}
    assert aliases(fw, "contact=within") == {"ana", "cy"}  # 30 days when none given
    assert aliases(fw, "contact=not_for&days=7") == {"bo", "cy", "dee", "eli"}
    assert aliases(fw, "contact=not_for") == {"bo", "dee", "eli"}
    assert aliases(fw, "contact=never") == {"dee", "eli"}


def test_it_takes_the_wall_charts_parameters(fw, crew):
    """The wall chart's count links: ``part=none`` (no part), a level by its uid, and
    ``contact=contacted`` / ``never`` among the not assessed (the ``?`` and ``∅`` cells)."""
    from fieldwork.models import AssessmentLevel

    fw.assess(crew["ana"], 2)
    fw.activity(days_ago(3), contacts=[crew["ana"], crew["cy"]])
    supporter = AssessmentLevel.objects.get(organization=fw.world.orgs["rp"], value=2)
    assert aliases(fw, "part=none") == {"cy", "eli"}
    assert aliases(fw, f"level={supporter.uid}") == {"ana"}
    assert aliases(fw, "contact=contacted") == {"ana", "cy"}
    assert aliases(fw, "part=none&level=none&contact=contacted") == {"cy"}
    assert aliases(fw, "part=none&level=none&contact=never") == {"eli"}
    assert "part" in errors(fw, "part=nobody")  # only "none" stands for no part


def test_it_filters_by_leader_union_and_alias(fw, crew):
    union = do_create_mass_organization(acting_user=fw.secretary,
                                        organization=fw.world.orgs["rp"],
                                        data={"name": "Metal Workers"})
    from fieldwork.actions import do_update_contact_profile

    do_update_contact_profile(acting_user=fw.secretary, profile=crew["bo"].contact_profile,
                              data={"union": union})
    assert aliases(fw, "leader=true") == {"ana"}
    assert aliases(fw, "leader=false") == {"bo", "cy", "dee", "eli"}
    assert aliases(fw, f"union={union.uid}") == {"bo"}
    assert aliases(fw, "alias=E") == {"dee", "eli"}


def test_it_filters_by_ties_in_touch(fw, crew):
    member = fw.member
    other = fw.world.people["alias-cella-2"]
    do_create_tie(acting_user=fw.secretary, from_person=member, to_person=crew["ana"],
                  kind="in_touch")
    # Either way round; a tie of another kind is no contact in touch.
    do_create_tie(acting_user=fw.secretary, from_person=crew["bo"], to_person=other,
                  kind="in_touch")
    do_create_tie(acting_user=fw.secretary, from_person=member, to_person=crew["cy"],
                  kind="knows")
    assert aliases(fw, "in_touch=someone") == {"ana", "bo"}
    assert aliases(fw, "in_touch=nobody") == {"cy", "dee", "eli"}
    assert aliases(fw, f"in_touch_with={member.uid}") == {"ana"}
    assert aliases(fw, f"in_touch_with={other.uid}") == {"bo"}


def test_it_refuses_a_choice_of_another_unit(fw, crew):
    cell_b_field = fw.new_field("School yard", unit_key="cell_b")
    cell_b_member = fw.world.people["alias-cellb-1"]
    found = errors(fw, f"field={cell_b_field.uid}&in_touch_with={cell_b_member.uid}")
    assert "not one of the available choices" in found["field"][0]
    assert "not one of the available choices" in found["in_touch_with"][0]
    # A pk or garbage is no choice either; nor a level outside the scale.
    found = errors(fw, f"part={fw.parts['Rolling mill'].pk}&level=9&contact=sometimes")
    assert set(found) == {"part", "level", "contact"}
    assert all("not one of the available choices" in e[0] for e in found.values())


def test_it_limits_choices_to_the_field_on_a_field_list(fw, crew):
    filters = ContactFilter(QueryDict(), user=fw.secretary, field=fw.field)
    form = filters.form
    assert "field" not in form.fields and "unit" not in form.fields
    assert set(form.fields["part"].queryset) == set(fw.parts.values())


def test_it_drops_from_a_query_what_is_no_longer_visible(fw, crew):
    cell_b_field = fw.new_field("School yard", unit_key="cell_b")
    raw = f"field={cell_b_field.uid}&level=2&level=9&leader=true&alias=&page=3&bogus=1"
    assert clean_query(raw, user=fw.secretary, unit=fw.world.units["cell_a"]) == \
        "level=2&leader=true"
