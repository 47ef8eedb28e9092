"""The organization and unit dashboards: counts above the cell, never an alias there."""

import pytest
from django.urls import reverse
from django.utils import timezone

from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(fw):
    first, second = fw.contact("c-dash1", part="Rolling mill"), fw.contact("c-dash2")
    fw.assess(first, 1)
    fw.activity(days_ago(1), contacts=[first])
    fw.activity(days_ago(2), contacts=[second], follow_up_on=days_ago(1))
    fw.new_field("School 7", unit_key="cell_b", strategic=True, strategic_sector="education")
    return first, second


def _unit(fw, key):
    return reverse("fieldwork:unit_dashboard", kwargs={"uid": fw.world.units[key].uid})


def test_it_counts_a_committee_subtree_without_aliases(fw, busy, login):
    response = login(fw.world.user("committee_member")).get(_unit(fw, "north"))
    assert response.status_code == 200
    board = response.context["board"]
    assert (board.fields, board.strategic_fields, board.contacts, board.assessed) == (2, 1, 2, 1)
    body = response.content.decode()
    assert "North Committee" in body and "School 7" in body  # stopped: never any activity
    assert "never any activity" in body
    assert f'href="{_unit(fw, "cell_a")}"' in body  # per child unit
    assert "c-dash" not in body
    assert 'role="img"' in body and "Activities per week" in body


def test_it_lists_the_follow_ups_due_to_the_cell(fw, busy, login):
    response = login(fw.secretary).get(_unit(fw, "cell_a"))
    body = response.content.decode()
    assert "Follow-ups due" in body and "c-dash2" in body
    due = response.context["due"]
    assert len(due) == 1 and due[0].follow_up_on == days_ago(1)
    assert reverse("fieldwork:follow_up_done", kwargs={"uid": due[0].uid}) in body
    assert reverse("fieldwork:activity_create", kwargs={"uid": fw.field.unit.uid}) in body
    assert reverse("fieldwork:field_detail", kwargs={"uid": fw.field.uid}) in body


def test_it_offers_a_member_only_the_recording_of_their_own_work(fw, busy, login):
    body = login(fw.world.user("cell_member")).get(_unit(fw, "cell_a")).content.decode()
    assert reverse("fieldwork:activity_create", kwargs={"uid": fw.field.unit.uid}) in body
    assert reverse("fieldwork:field_create", kwargs={"uid": fw.field.unit.uid}) not in body
    # The follow-ups others recorded are not theirs to close.
    assert "follow-up-done" not in body


def test_it_offers_no_forms_to_a_committee_member_without_records(fw, busy, login):
    body = login(fw.world.user("committee_member")).get(_unit(fw, "north")).content.decode()
    assert reverse("fieldwork:activity_create", kwargs={"uid": fw.world.units["north"].uid}) \
        in body  # a member of North logs North's own work
    body = login(fw.world.user("committee_member")).get(_unit(fw, "cell_a")).content.decode()
    assert "/activities/new/" not in body and "follow-up-done" not in body


def test_it_summarizes_the_organization_per_top_visible_unit(fw, busy, login):
    url = reverse("fieldwork:organization_dashboard", kwargs={"uid": fw.world.orgs["rp"].uid})
    response = login(fw.world.user("overseer")).get(url)
    board = response.context["board"]
    assert [u.name for u in board.units] == ["North Committee"]
    assert board.fields == 2 and board.weeks[-1].end == timezone.localdate()
    body = response.content.decode()
    assert "c-dash" not in body and "School 7" in body


def test_it_tells_a_coalition_office_that_the_work_is_not_shown(fw, busy, login):
    url = reverse("fieldwork:organization_dashboard", kwargs={"uid": fw.world.orgs["rp"].uid})
    response = login(fw.world.user("coalition_office")).get(url)
    assert response.status_code == 200 and response.context["board"] is None
    body = response.content.decode()
    assert "not shown to you" in body and "School 7" not in body and "Steelworks" not in body


def test_it_offers_the_identity_export_only_to_who_may_reveal(fw, busy, login):
    export = reverse("fieldwork:export_contacts", kwargs={"uid": fw.field.unit.uid})
    secretary = login(fw.secretary).get(_unit(fw, "cell_a")).content.decode()
    assert "Contacts with identities (CSV)" in secretary and export in secretary
    for who in ("cell_member", "overseer"):  # records, but no identity access
        body = login(fw.world.user(who)).get(_unit(fw, "cell_a")).content.decode()
        assert "Contacts with identities (CSV)" not in body, who
