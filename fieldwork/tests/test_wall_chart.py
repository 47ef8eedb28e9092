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
    """Each case of the chart: assessed (contacted or not), contacted but not assessed,
    neither contacted nor assessed; in parts and without one."""
    people = {}
    for alias, part, value in [("c-a1", "Rolling mill", 1), ("c-a2", "Rolling mill", 2),
                               ("c-a3", "Rolling mill", None), ("c-a4", "Rolling mill", None),
                               ("c-b1", "Night shift", 2), ("c-b2", "Night shift", 5),
                               ("c-z", None, None)]:
        people[alias] = fw.contact(alias, part=part)
        if value is not None:
            fw.assess(people[alias], value, days_ago(3))
    fw.activity(days_ago(2), contacts=[people["c-a1"], people["c-b2"], people["c-a4"]])
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
    # ?: contacted, not assessed; ∅: neither contacted nor assessed. c-a2 is assessed
    # without a recorded contact: counted at its level only.
    assert (mill.unassessed, mill.unassessed_aliases) == (1, ["c-a4"])
    assert (mill.never_contacted, mill.never_contacted_aliases) == (1, ["c-a3"])
    night = _row(chart, "Night shift")
    assert _cells(chart, night)[5] == (1, ["c-b2"])
    assert night.unassessed == night.never_contacted == 0
    loose = chart.rows[-1]
    assert loose.part_id is None and loose.unassessed == 0 and loose.never_contacted == 1


def test_it_counts_each_contact_in_exactly_one_cell(fw, chart_people):
    for name in ("cell_secretary", "committee_member"):
        chart = wall_chart(fw.world.user(name), fw.field)
        for row in chart.rows:
            assert row.mapped == (sum(c.count for c in row.cells) + row.unassessed
                                  + row.never_contacted)
        assert [r.mapped for r in chart.rows] == [2, 4, 1]
        assert chart.mapped == len(chart_people) == 7
    chart = wall_chart(fw.secretary, fw.field)
    listed = [a for r in chart.rows for c in r.cells for a in c.aliases]
    listed += [a for r in chart.rows for a in r.unassessed_aliases + r.never_contacted_aliases]
    assert sorted(listed) == sorted(chart_people)


def test_it_gives_each_listed_contact_their_last_contact_and_overdue_mark(fw, chart_people):
    fw.activity(days_ago(6), contacts=[chart_people["c-b1"]], follow_up_on=days_ago(1))
    fw.activity(days_ago(6), contacts=[chart_people["c-a1"]], follow_up_on=days_ago(0))
    chart = wall_chart(fw.secretary, fw.field)
    people = {p.alias: p for r in chart.rows for c in r.cells for p in c.people}
    people |= {p.alias: p for r in chart.rows for p in r.unassessed_people}
    assert people["c-b1"].last_contact_on == days_ago(6) and people["c-b1"].overdue
    # Due today is not overdue yet; the latest activity is the last contact.
    assert people["c-a1"].last_contact_on == days_ago(2) and not people["c-a1"].overdue
    assert people["c-a2"].last_contact_on is None and not people["c-a2"].overdue
    assert people["c-a4"].uid == chart_people["c-a4"].uid


def test_it_gives_counts_without_aliases_to_a_committee_member(fw, chart_people):
    chart = wall_chart(fw.world.user("committee_member"), fw.field)
    assert not chart.shows_aliases
    mill = _row(chart, "Rolling mill")
    assert _cells(chart, mill)[1] == (1, []) and mill.unassessed == 1
    assert mill.never_contacted == 1
    for row in chart.rows:
        assert not row.unassessed_aliases and not row.never_contacted_aliases
        assert all(not c.aliases for c in row.cells)
    assert "'c-a" not in repr(chart)  # an alias, quoted: a uid may hold "c-a" by chance


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
