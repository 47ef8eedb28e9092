"""``Anchor(RECORD, ..., member_right=..., own=...)``: the members of a unit record their own
field work (activities), correct and remove what they recorded themselves, and assess contacts
where the unit's secretary allows it (access/scope.py, ``Scope.member_q``). Observers, the
sibling cell's members and a committee's members with oversight get none of it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from access.actions import do_grant_role
from access.anchor import ASSESS, LOG, STRUCTURE, Anchor
from access.scope import scope_for
from accounts.models import User
from fieldwork.actions import (
    do_assess,
    do_create_activity,
    do_create_contact,
    do_create_field,
    ensure_default_scale,
)
from fieldwork.models import Activity, Assessment
from organizations.actions import do_update_unit
from organizations.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def cell(world):
    """A field of Cell A with a contact, an activity recorded by the cell member and one by
    the secretary, an observer of Cell A and a member of Cell B."""
    ensure_default_scale(world.orgs["rp"])
    unit = world.units["cell_a"]
    field = do_create_field(acting_user=None, unit=unit, data={"name": "Gate works"})
    contact = do_create_contact(acting_user=world.user("cell_secretary"), field=field,
                                alias="alias-member-rights", profile={}).person
    today = timezone.localdate()

    def activity(user_name: str) -> Activity:
        return do_create_activity(acting_user=world.user(user_name), unit=unit,
                                  data={"kind": "one_to_one", "date": today, "field": field},
                                  contacts=[contact])

    for name, key, kind in (("observer_a", "cell_a", "observer"),
                            ("member_b", "cell_b", "member")):
        world.users[name] = User.objects.create_user(name, password="x" * 20)
        do_grant_role(acting_user=None, user=world.users[name], unit=world.units[key],
                      kind=kind)
    return {"unit": unit, "contact": contact, "own": activity("cell_member"),
            "other": activity("cell_secretary")}


def _may(user, row, action: str) -> bool:
    return type(row).objects.restrict(user, action).filter(pk=row.pk).exists()


def _may_add_in(user, model, unit: Unit) -> bool:
    return Unit.objects.holding_records(user, "add", model=model).filter(pk=unit.pk).exists()


def test_it_lets_a_member_add_an_activity_in_their_unit(world, cell):
    member = world.user("cell_member")
    assert _may_add_in(member, Activity, cell["unit"])
    assert _may(member, cell["own"], "add")
    # Adding an activity is not adding to the unit's other records.
    assert not Unit.objects.holding_records(member, "add").filter(pk=cell["unit"].pk).exists()


def test_it_lets_a_member_change_and_delete_only_what_they_recorded(world, cell):
    member = world.user("cell_member")
    for action in ("change", "delete"):
        assert _may(member, cell["own"], action), action
        assert not _may(member, cell["other"], action), action
    assert not _may(member, cell["own"], "reveal")  # no identity right on the role


def test_it_lets_a_member_assess_only_when_the_unit_allows_it(world, cell):
    member, unit = world.user("cell_member"), cell["unit"]
    assert not _may_add_in(member, Assessment, unit)
    do_update_unit(acting_user=world.user("cell_secretary"), unit=unit,
                   data={"members_assess": True})
    member = User.objects.get(pk=member.pk)  # a new request: the scope is loaded again
    assert _may_add_in(member, Assessment, unit)
    own = do_assess(acting_user=member, person=cell["contact"], level_value=2,
                    assessed_on=timezone.localdate())
    other = do_assess(acting_user=world.user("cell_secretary"), person=cell["contact"],
                      level_value=3, assessed_on=timezone.localdate())
    assert _may(member, own, "change") and not _may(member, other, "change")


def test_it_gives_observers_and_other_cells_nothing_to_record(world, cell):
    do_update_unit(acting_user=world.user("cell_secretary"), unit=cell["unit"],
                   data={"members_assess": True})
    for name in ("observer_a", "member_b", "overseer", "committee_member"):
        user = User.objects.get(pk=world.user(name).pk)
        for model in (Activity, Assessment):
            assert not _may_add_in(user, model, cell["unit"]), (name, model)
        for action in ("add", "change", "delete"):
            assert not _may(user, cell["own"], action), (name, action)


def test_it_still_lets_the_secretary_do_everything(world, cell):
    secretary = world.user("cell_secretary")
    for row in (cell["own"], cell["other"]):
        for action in ("add", "change", "delete"):
            assert _may(secretary, row, action)


def test_it_answers_without_a_query_as_restrict_does(world, cell, django_assert_num_queries):
    anchor = Activity.anchor
    for name in ("cell_member", "cell_secretary", "observer_a", "member_b", "overseer"):
        user = User.objects.get(pk=world.user(name).pk)
        scope = scope_for(user)
        scope._record_unit_ids("change")  # the one query per action (oversight grants)
        scope._record_unit_ids("delete")
        scope._record_unit_ids("add")
        for row in (cell["own"], cell["other"]):
            for action in ("add", "change", "delete"):
                with django_assert_num_queries(0):
                    permitted = scope.permits(anchor, action, row.unit_id, row.created_by_id)
                assert permitted == _may(user, row, action), (name, action)


def test_it_refuses_a_member_right_where_it_means_nothing():
    with pytest.raises(ValueError, match="member right"):
        Anchor(STRUCTURE, "unit", member_right=LOG)
    with pytest.raises(ValueError, match="member right"):
        Anchor("record", "unit", member_right="vote")
    with pytest.raises(ValueError, match="own"):
        Anchor("record", "unit", own="created_by")
    assert Anchor("record", "person__unit", member_right=ASSESS).own is None
