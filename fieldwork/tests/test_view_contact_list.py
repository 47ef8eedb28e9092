"""The contact lists of a unit and of a field: filters in the address, columns, 50 a page,
the same number of queries however many contacts, and nothing for who sees no records."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fieldwork.actions import do_create_tie
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


def unit_url(fw) -> str:
    return reverse("fieldwork:unit_contacts", kwargs={"uid": fw.world.units["cell_a"].uid})


def field_url(fw) -> str:
    return reverse("fieldwork:field_contacts", kwargs={"uid": fw.field.uid})


def test_it_lists_the_contacts_with_their_columns(fw, login):
    ana = fw.contact("ana", part="Rolling mill", leader=True)
    fw.assess(ana, 2)
    fw.activity(days_ago(4), contacts=[ana], follow_up_on=days_ago(1))
    fw.contact("bo")
    body = login(fw.secretary).get(field_url(fw)).content.decode()
    assert "ana" in body and "bo" in body and "Rolling mill" in body
    assert "Supporter" in body and "Not assessed" in body
    assert 'class="badge stopped">overdue<' in body and "Never" in body
    assert 'class="cards"' in body and 'data-label="Last contact"' in body


def test_it_marks_overdue_only_a_follow_up_past_due(fw, login):
    ana = fw.contact("ana")
    fw.activity(days_ago(4), contacts=[ana], follow_up_on=days_ago(0))  # due today
    body = login(fw.secretary).get(field_url(fw)).content.decode()
    assert 'class="badge stopped">overdue<' not in body


def test_it_keeps_the_filters_in_the_address(fw, login):
    fw.contact("ana", leader=True)
    fw.contact("bo")
    client = login(fw.secretary)
    response = client.get(unit_url(fw), {"leader": "true", "alias": "a"})
    body = response.content.decode()
    assert "ana" in body and ">bo<" not in body
    # The form shows what was chosen; saving and the bulk form carry the same filters.
    assert 'value="a"' in body and '<option value="true" selected>' in body
    assert 'name="query" value="leader=true&amp;alias=a"' in body
    assert 'name="next" value="/fieldwork/units/' in body and "leader=true" in body


def test_it_says_why_a_choice_is_refused_and_lists_nothing(fw, login):
    fw.contact("ana")
    other = fw.new_field("School yard", unit_key="cell_b")
    body = login(fw.secretary).get(unit_url(fw), {"field": other.uid}).content.decode()
    assert "not one of the available choices" in body
    assert "ana" not in body


def test_it_pages_fifty_contacts_at_a_time(fw, login):
    for i in range(51):
        fw.contact(f"c-{i:02d}")
    client = login(fw.secretary)
    # As link texts: a bare "c-50" may be part of a uid in the page.
    first = client.get(field_url(fw)).content.decode()
    assert ">c-49<" in first and ">c-50<" not in first and "51 contacts" in first
    second = client.get(field_url(fw), {"page": 2}).content.decode()
    assert ">c-50<" in second and ">c-49<" not in second


def test_it_shows_no_contacts_to_who_sees_only_the_structure(fw, login):
    fw.contact("ana")
    body = login(fw.world.user("committee_member")).get(field_url(fw)).content.decode()
    assert "ana" not in body and "Only the unit that holds these contacts" in body
    assert 'name="contacts"' not in body


def test_it_offers_bulk_assess_only_to_who_may_assess(fw, login):
    fw.contact("ana")
    assert 'value="assess"' in login(fw.secretary).get(field_url(fw)).content.decode()
    member_page = login(fw.world.user("cell_member")).get(field_url(fw)).content.decode()
    assert "ana" in member_page
    assert 'value="assess"' not in member_page and 'name="contacts"' not in member_page


def test_it_is_linked_from_the_unit_dashboard_and_the_field_page(fw, login):
    fw.contact("ana")
    client = login(fw.secretary)
    dashboard = reverse("fieldwork:unit_dashboard", kwargs={"uid": fw.world.units["cell_a"].uid})
    field_page = reverse("fieldwork:field_detail", kwargs={"uid": fw.field.uid})
    assert unit_url(fw) in client.get(dashboard).content.decode()
    assert field_url(fw) in client.get(field_page).content.decode()


def _grow(fw, n: int) -> None:
    for i in range(n):
        person = fw.contact(f"q{n}-{i}", part="Rolling mill" if i % 2 else None, leader=i == 0)
        fw.assess(person, 1 + i % 5)
        fw.activity(days_ago(1 + i % 30), contacts=[person], follow_up_on=days_ago(1))
        do_create_tie(acting_user=fw.secretary, from_person=fw.member, to_person=person,
                      kind="in_touch")
        fw.new_field(f"Field {n}-{i}")


@pytest.mark.parametrize("which", ["unit", "field"])
@pytest.mark.parametrize("query", ["", "level=1&level=2&level=none&contact=within&days=40"
                                       "&leader=false&in_touch=someone&alias=q"])
def test_it_does_not_query_per_row(fw, login, which, query):
    client = login(fw.secretary)
    url = (unit_url(fw) if which == "unit" else field_url(fw)) + f"?{query}"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    client.get(url)  # the session's first request stamps it
    _grow(fw, 2)
    small = count()
    _grow(fw, 8)
    assert count() == small


def test_a_list_over_many_fields_types_the_field_and_lists_no_parts(fw, login, monkeypatch):
    from access import typed_choices

    monkeypatch.setattr(typed_choices, "TYPED_OVER", 1)  # fw's field has two parts
    depot = fw.new_field("Depot")
    fw.contact("ana", part="Rolling mill")
    fw.contact("bo", part="Night shift")
    fw.contact("cy", field=depot)
    client = login(fw.secretary)
    body = client.get(unit_url(fw)).content.decode()
    assert '<select name="field"' not in body and 'name="field"' in body
    # The part is chosen on the field's own list.
    assert f'value="{fw.parts["Rolling mill"].uid}"' not in body
    # The field typed by its name; a part named in the address (a saved list) still read.
    typed = client.get(unit_url(fw), {"field": "Depot"}).content.decode()
    assert ">cy<" in typed and ">ana<" not in typed
    part = fw.parts["Rolling mill"]
    saved = client.get(unit_url(fw), {"part": str(part.uid)}).content.decode()
    assert ">ana<" in saved and ">bo<" not in saved and ">cy<" not in saved
    refused = client.get(unit_url(fw), {"field": "Nowhere"}).content.decode()
    assert "Nothing you can choose here is called “Nowhere”." in refused
