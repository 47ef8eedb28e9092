"""structure_test(): mapped, assessed, levels, leaders, majority and test participation."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from fieldwork.actions import (
    do_create_structure_test,
    do_record_participation,
    do_update_fieldwork_settings,
)
from fieldwork.metrics import structure_test
from fieldwork.models import Participation, StructureTest
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def mapped(fw):
    """Rolling mill (headcount 10): levels 1 (leader), 2, 2, 3, none, 5 (was 2);
    Night shift (6): 1 (leader), 2, 2, 2; without a part: 4. Field headcount 20."""
    people = {}
    for alias, part, value, leader in [
        ("c-r1", "Rolling mill", 1, True), ("c-r2", "Rolling mill", 2, False),
        ("c-r3", "Rolling mill", 2, False), ("c-r4", "Rolling mill", 3, False),
        ("c-r5", "Rolling mill", None, False), ("c-r6", "Rolling mill", 2, False),
        ("c-n1", "Night shift", 1, True), ("c-n2", "Night shift", 2, False),
        ("c-n3", "Night shift", 2, False), ("c-n4", "Night shift", 2, False),
        ("c-x1", None, 4, False),
    ]:
        people[alias] = fw.contact(alias, part=part, leader=leader)
        if value is not None:
            fw.assess(people[alias], value, days_ago(20))
    fw.assess(people["c-r6"], 5, days_ago(1))
    return people


def _levels(row):
    return {lc.value: lc.count for lc in row.levels}


def test_it_counts_mapped_assessed_and_levels_per_part(fw, mapped):
    report = structure_test(fw.secretary, fw.field)
    assert [(p.name, p.headcount) for p in report.parts] == [("Night shift", 6),
                                                              ("Rolling mill", 10)]
    by_name = {p.name: p for p in report.parts}
    rolling, night = by_name["Rolling mill"], by_name["Night shift"]
    assert (rolling.mapped, rolling.assessed, rolling.supportive) == (6, 5, 3)
    assert _levels(rolling) == {1: 1, 2: 2, 3: 1, 4: 0, 5: 1}
    assert rolling.levels[1].share == pytest.approx(0.2)
    assert (night.mapped, night.assessed, night.supportive) == (4, 4, 4)
    assert report.unassigned.mapped == 1 and _levels(report.unassigned)[4] == 1
    total = report.total
    assert (total.headcount, total.mapped, total.assessed, total.supportive) == (20, 11, 10, 7)
    assert total.supportive_share == pytest.approx(0.35)


def test_it_decides_majority_as_more_than_half(fw, mapped):
    report = structure_test(fw.secretary, fw.field)
    night = {p.name: p for p in report.parts}["Night shift"]
    assert night.majority and not night.supermajority  # 4 of 6 = 67 %: > 50 %, < 70 %
    assert not report.total.majority
    fw.assess(mapped["c-n4"], 3)  # 3 of 6: exactly half is not a majority
    night = {p.name: p for p in structure_test(fw.secretary, fw.field).parts}["Night shift"]
    assert night.supportive == 3 and not night.majority


def test_it_follows_the_organization_settings(fw, mapped):
    do_update_fieldwork_settings(acting_user=None, organization=fw.world.orgs["rp"], data={
        "supportive_max_value": 3, "supermajority_percent": 60, "majority_percent": 35})
    report = structure_test(fw.secretary, fw.field)
    by_name = {p.name: p for p in report.parts}
    assert by_name["Rolling mill"].supportive == 4 and by_name["Rolling mill"].majority
    assert by_name["Night shift"].supermajority
    assert report.total.supportive == 8 and report.total.majority  # 40 % > 35 %
    with pytest.raises(ValidationError):
        do_update_fieldwork_settings(acting_user=None, organization=fw.world.orgs["rp"],
                                     data={"supermajority_percent": 30})


def test_it_reports_structure_test_participation_per_part(fw, mapped):
    petition = do_create_structure_test(acting_user=fw.secretary, field=fw.field, data={
        "kind": "petition", "title": "Heat in the mill", "held_on": days_ago(3)})
    do_record_participation(acting_user=fw.secretary, test=petition,
                            persons=[mapped["c-r1"], mapped["c-r2"], mapped["c-n1"]])
    do_record_participation(acting_user=fw.secretary, test=petition, persons=[mapped["c-r1"]])
    assert Participation.objects.count() == 3
    report = structure_test(fw.secretary, fw.field)
    by_name = {p.name: p for p in report.parts}
    assert by_name["Rolling mill"].tests[0].participants == 2
    assert by_name["Rolling mill"].tests[0].rate == pytest.approx(0.2)
    assert by_name["Night shift"].tests[0].rate == pytest.approx(1 / 6)
    assert report.total.tests[0].participants == 3
    assert report.total.tests[0].rate == pytest.approx(0.15)


def test_it_rejects_a_participant_from_another_field(fw, mapped):
    other = fw.new_field("Depot")
    outsider = fw.contact("c-depot", field=other)
    test = do_create_structure_test(acting_user=fw.secretary, field=fw.field, data={
        "kind": "badge_day", "title": "Red ribbons", "held_on": days_ago(1)})
    with pytest.raises(ValidationError):
        do_record_participation(acting_user=fw.secretary, test=test, persons=[outsider])
    with pytest.raises(ValidationError):
        do_record_participation(acting_user=fw.secretary, test=test, persons=[fw.member])


def test_it_rejects_a_future_structure_test(fw):
    with pytest.raises(ValidationError):
        do_create_structure_test(acting_user=fw.secretary, field=fw.field, data={
            "kind": "meeting", "title": "Soon",
            "held_on": timezone.localdate() + timedelta(days=2)})
    assert not StructureTest.objects.exists()


def test_it_names_leaders_only_to_those_who_see_the_records(fw, mapped):
    mine = structure_test(fw.secretary, fw.field)
    assert mine.shows_aliases
    assert {p.name: p.leader_aliases for p in mine.parts} == {
        "Rolling mill": ["c-r1"], "Night shift": ["c-n1"]}
    assert mine.total.leader_aliases == ["c-n1", "c-r1"]
    committee = structure_test(fw.world.user("committee_member"), fw.field)
    assert not committee.shows_aliases
    assert committee.total.leaders == 2 and committee.total.mapped == 11
    assert all(not p.leader_aliases for p in [*committee.parts, committee.total])
    assert "c-r1" not in repr(committee)


@pytest.mark.parametrize("name", ["sibling_secretary", "outsider", "coalition_office",
                                  "anonymous"])
def test_it_requires_access(fw, mapped, name):
    with pytest.raises(Http404):
        structure_test(fw.world.user(name), fw.field)
