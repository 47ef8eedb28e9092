"""The fieldwork figures of a review against hand-computed values: first the pure functions
on fixed dates, then each figure as prepared from a small world (the fieldwork tests'
Steelworks of Cell A, reviews/tests/conftest.py)."""

from __future__ import annotations

from datetime import date

import pytest

from fieldwork.actions import (
    do_create_structure_test,
    do_create_struggle,
    do_raise_demand,
    do_record_participation,
)
from fieldwork.models import Demand
from fieldwork.tests.conftest import days_ago
from reviews.figures import Period
from reviews.figures_work import (
    Gap,
    HeldTest,
    RaisedPoint,
    StrugglePoint,
    demands_never_raised,
    field_gap,
    follow_ups_left_open,
    never_raised,
    open_follow_ups,
    stopped_fields,
    unmoved_structure_tests,
    unmoved_tests,
)

JAN = Period(date(2026, 1, 1), date(2026, 1, 10))
FEB = Period(date(2026, 2, 1), date(2026, 2, 28))


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


# --- the pure functions ---

def test_it_finds_the_longest_gap_and_the_silence_inside_the_period():
    # Empty: Jan 1-2, Jan 5-8, Jan 10. Longest run: Jan 5 to 8 (4 days).
    assert field_gap([d(1, 3), d(1, 4), d(1, 9)], None, JAN) == Gap(4, d(1, 5), d(1, 8), 4, 3)


def test_it_counts_the_silence_from_the_last_activity_before_the_period():
    # Last activity Dec 20: on Jan 2 nothing was done for 13 days, more than any run inside.
    gap = field_gap([d(1, 3), d(1, 4), d(1, 9)], d(12, 20, 2025), JAN)
    assert (gap.longest, gap.silence) == (4, 13)


def test_it_takes_a_period_without_activity_as_one_gap():
    assert field_gap([], None, JAN) == Gap(10, d(1, 1), d(1, 10), 10, 0)
    # Activity outside the period does not count in it.
    assert field_gap([d(12, 25, 2025), d(1, 11)], None, JAN).longest == 10
    assert field_gap([], d(12, 31, 2025), JAN).silence == 10


def test_it_finds_no_gap_in_daily_work():
    assert field_gap(JAN.each_day(), d(12, 1, 2025), JAN) == Gap(0, None, None, 0, 10)


def test_it_compares_each_test_with_the_one_before_in_its_field():
    before = HeldTest(1, 1, "January petition", d(1, 5), 10, 40)
    same = HeldTest(1, 2, "February petition", d(2, 10), 10, 40)
    rose = HeldTest(1, 3, "Sign-up", d(2, 20), 12, 40)
    first = HeldTest(2, 4, "First in its field", d(2, 15), 3, 0)
    later = HeldTest(1, 5, "March badge day", d(3, 1), 1, 40)
    held, unmoved = unmoved_tests([later, rose, first, same, before], FEB)
    assert held == 3
    assert unmoved == [(same, before)]
    assert (same.rate, first.rate) == (0.25, None)


def test_it_lists_the_demands_no_struggle_took_up():
    wages, safety, housing = 10, 11, 12
    raised = [RaisedPoint(1, wages, d(2, 3)), RaisedPoint(1, wages, d(2, 20)),
              RaisedPoint(1, safety, d(2, 10)), RaisedPoint(2, wages, d(2, 12)),
              RaisedPoint(1, housing, d(2, 15)), RaisedPoint(1, housing, d(1, 20))]
    struggles = [
        StrugglePoint(1, frozenset({wages}), d(2, 5), d(2, 8)),  # takes up wages of Feb 3
        StrugglePoint(1, frozenset({safety}), d(3, 2), None),  # after the period
        StrugglePoint(1, frozenset({housing}), d(1, 25), d(2, 1)),  # over before Feb 15
        StrugglePoint(3, frozenset({wages}), d(2, 1), None),  # another field
    ]
    recorded, left = never_raised(raised, struggles, FEB)
    assert recorded == 4
    assert left == [(1, safety, 1, d(2, 10), d(2, 10)), (2, wages, 1, d(2, 12), d(2, 12)),
                    (1, housing, 1, d(2, 15), d(2, 15))]


def test_it_counts_open_follow_ups_and_the_overdue_ones():
    due = [(1, d(1, 5)), (1, d(1, 20)), (None, d(1, 9)), (2, d(1, 25))]
    total, overdue, per = open_follow_ups(due, today=d(1, 10))
    assert (total, overdue) == (4, 2)
    assert per == {1: (2, 1, d(1, 5)), None: (1, 1, d(1, 9)), 2: (1, 0, d(1, 25))}


# --- prepared from a small world ---

def _last(days: int) -> Period:
    return Period(days_ago(days - 1), days_ago(0))


def test_it_prepares_where_the_work_stopped(fw):
    depot = fw.new_field("Depot")
    fw.new_field("Idle yard")
    fw.new_field("Cell B school", unit_key="cell_b")  # another unit's field: not reviewed
    for n in (29, 5):
        fw.activity(days_ago(n))
    for n in (40, 10, 3):
        fw.activity(days_ago(n), field=depot)
    unit = fw.world.units["cell_a"]
    figure = stopped_fields(fw.secretary, unit, _last(30), days_ago(0))
    rows = {r["name"]: r for r in figure["rows"]}
    assert [r["name"] for r in figure["rows"]] == ["Idle yard", "Steelworks", "Depot"]
    assert (figure["fields"], figure["stopped"], figure["stale_days"]) == (3, 3, 21)
    steel = rows["Steelworks"]
    # Empty from 28 to 6 days ago: 23 days, more than the 21 that stop a field.
    assert (steel["longest_gap"], steel["gap_from"], steel["gap_to"], steel["stopped"]) == (
        23, days_ago(28).isoformat(), days_ago(6).isoformat(), True)
    # Worked 40 days ago, then not until 10 days ago: 29 days of silence, 19 of them inside.
    assert (rows["Depot"]["longest_gap"], rows["Depot"]["silence"]) == (19, 29)
    assert (rows["Idle yard"]["longest_gap"], rows["Idle yard"]["active_days"]) == (30, 0)
    # A member of the cell counts the same days; the unit's secretary of another cell sees
    # none of these fields.
    assert stopped_fields(fw.world.user("cell_member"), unit, _last(30), days_ago(0)) == figure
    assert stopped_fields(fw.world.user("sibling_secretary"), unit, _last(30),
                          days_ago(0))["fields"] == 0


def _contacts(fw, n: int, start: int = 0):
    return [fw.contact(f"steel-{i}") for i in range(start, start + n)]


def test_it_prepares_the_structure_tests_that_did_not_move(fw):
    people = _contacts(fw, 6)
    for title, ago, took_part in (("Petition", 50, people[:4]), ("Sign-up", 20, people[:4]),
                                  ("Badge day", 5, people[:6])):
        test = do_create_structure_test(acting_user=fw.secretary, field=fw.field, data={
            "kind": "petition", "title": title, "held_on": days_ago(ago)})
        do_record_participation(acting_user=fw.secretary, test=test, persons=took_part)
    figure = unmoved_structure_tests(fw.secretary, fw.world.units["cell_a"], _last(30),
                                     days_ago(0))
    assert (figure["held"], figure["unmoved"]) == (2, 1)
    row = figure["rows"][0]
    assert (row["name"], row["test"]["title"], row["previous"]["title"]) == (
        "Steelworks", "Sign-up", "Petition")
    assert (row["test"]["participants"], row["test"]["rate"]) == (4, 0.2)  # 4 of 20


@pytest.mark.parametrize("struggle_until", [None, 12])
def test_it_prepares_the_demands_never_raised(fw, struggle_until):
    demands = {d.kind: d for d in Demand.objects.filter(organization=fw.world.orgs["rp"])}
    for kind, ago in (("wages", 25), ("wages", 15), ("safety", 10), ("housing", 40)):
        do_raise_demand(acting_user=fw.secretary, field=fw.field, demand=demands[kind],
                        raised_on=days_ago(ago))
    do_create_struggle(acting_user=fw.secretary, field=fw.field, demands=[demands["wages"]],
                       data={"kind": "strike", "started_on": days_ago(14),
                             "ended_on": days_ago(struggle_until) if struggle_until else None})
    figure = demands_never_raised(fw.secretary, fw.world.units["cell_a"], _last(30),
                                  days_ago(0))
    # Wages were recorded 25 and 15 days ago and taken up by the strike 14 days ago; safety
    # (10 days ago) never was; housing was recorded before the period.
    assert (figure["recorded"], figure["never_raised"]) == (2, 1)
    assert [(r["demand"], r["times"], r["first"]) for r in figure["rows"]] == [
        ("Health and safety", 1, days_ago(10).isoformat())]


def test_it_prepares_the_follow_ups_left_open(fw):
    depot = fw.new_field("Depot")
    fw.activity(days_ago(20), follow_up_on=days_ago(15))
    fw.activity(days_ago(20), follow_up_on=days_ago(0))  # due today: open, not overdue
    fw.activity(days_ago(20), follow_up_on=days_ago(10), follow_up_done=True)
    fw.activity(days_ago(40), follow_up_on=days_ago(35))  # due before the period
    fw.activity(days_ago(9), field=depot, follow_up_on=days_ago(2))
    figure = follow_ups_left_open(fw.secretary, fw.world.units["cell_a"], _last(30),
                                  days_ago(0))
    assert (figure["open"], figure["overdue"]) == (3, 2)
    # Most overdue first, then most open.
    assert [(r["name"], r["open"], r["overdue"], r["earliest"]) for r in figure["rows"]] == [
        ("Steelworks", 2, 1, days_ago(15).isoformat()),
        ("Depot", 1, 1, days_ago(2).isoformat())]
