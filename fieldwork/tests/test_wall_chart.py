"""wall_chart(): parts x levels with colours, unassessed and never contacted; aliases only
for those who see the records."""

import pytest
from django.http import Http404

from fieldwork.actions import do_update_assessment_level
from fieldwork.metrics import wall_chart
from fieldwork.models import AssessmentLevel
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def chart_people(fw):
    people = {}
    for alias, part, value in [("c-a1", "Rolling mill", 1), ("c-a2", "Rolling mill", 2),
                               ("c-a3", "Rolling mill", None), ("c-b1", "Night shift", 2),
                               ("c-b2", "Night shift", 5), ("c-z", None, None)]:
        people[alias] = fw.contact(alias, part=part)
        if value is not None:
            fw.assess(people[alias], value, days_ago(3))
    fw.activity(days_ago(2), contacts=[people["c-a1"], people["c-b2"]])
    return people


def _row(chart, name):
    return next(r for r in chart.rows if r.name == name)


def _cells(chart, row):
    return {lv.value: (c.count, c.aliases) for lv, c in zip(chart.levels, row.cells,
                                                            strict=True)}


def test_it_lays_out_parts_by_levels_with_aliases(fw, chart_people):
    chart = wall_chart(fw.secretary, fw.field)
    assert chart.shows_aliases
    assert [lv.value for lv in chart.levels] == [1, 2, 3, 4, 5]
    assert chart.levels[0].colour == "#1b7837"
    assert [r.name for r in chart.rows] == ["Night shift", "Rolling mill", ""]
    mill = _row(chart, "Rolling mill")
    assert _cells(chart, mill)[1] == (1, ["c-a1"]) and _cells(chart, mill)[2] == (1, ["c-a2"])
    assert (mill.unassessed, mill.unassessed_aliases) == (1, ["c-a3"])
    assert (mill.never_contacted, mill.never_contacted_aliases) == (2, ["c-a2", "c-a3"])
    night = _row(chart, "Night shift")
    assert _cells(chart, night)[5] == (1, ["c-b2"])
    assert night.never_contacted_aliases == ["c-b1"]
    loose = chart.rows[-1]
    assert loose.part_id is None and loose.unassessed == 1 and loose.never_contacted == 1


def test_it_gives_counts_without_aliases_to_a_committee_member(fw, chart_people):
    chart = wall_chart(fw.world.user("committee_member"), fw.field)
    assert not chart.shows_aliases
    mill = _row(chart, "Rolling mill")
    assert _cells(chart, mill)[1] == (1, []) and mill.unassessed == 1
    assert mill.never_contacted == 2
    for row in chart.rows:
        assert not row.unassessed_aliases and not row.never_contacted_aliases
        assert all(not c.aliases for c in row.cells)
    assert "c-a" not in repr(chart)


def test_it_shows_a_retired_level_only_while_someone_is_at_it(fw, chart_people):
    level = AssessmentLevel.objects.get(organization=fw.world.orgs["rp"], value=3)
    do_update_assessment_level(acting_user=None, level=level, data={"retired": True})
    assert 3 not in [lv.value for lv in wall_chart(fw.secretary, fw.field).levels]
    five = AssessmentLevel.objects.get(organization=fw.world.orgs["rp"], value=5)
    do_update_assessment_level(acting_user=None, level=five, data={"retired": True})
    levels = wall_chart(fw.secretary, fw.field).levels
    assert [lv.value for lv in levels] == [1, 2, 4, 5] and levels[-1].retired


@pytest.mark.parametrize("name", ["sibling_secretary", "outsider", "anonymous"])
def test_it_requires_access(fw, chart_people, name):
    with pytest.raises(Http404):
        wall_chart(fw.world.user(name), fw.field)
