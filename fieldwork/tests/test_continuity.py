"""continuity() and stopped_fields() on a hand-made timeline."""

import random
from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from fieldwork.actions import do_update_fieldwork_settings
from fieldwork.continuity import continuity, longest_gap, stopped_fields, weeks_active
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def timeline(fw):
    """Steelworks: activities 0, 3, 3, 10, 40 and 100 days ago, one overdue follow-up;
    Depot: 30 days ago; Bakery: never; School 7 (Cell B): yesterday."""
    do_update_fieldwork_settings(acting_user=None, organization=fw.world.orgs["rp"],
                                 data={"stale_days": 21})
    for n in (0, 3, 10, 40, 100):
        fw.activity(days_ago(n))
    fw.activity(days_ago(3), follow_up_on=days_ago(2))  # overdue
    fw.activity(days_ago(3), follow_up_on=days_ago(0))  # due today: not overdue yet
    fw.activity(days_ago(3), follow_up_on=days_ago(1), follow_up_done=True)
    depot, bakery = fw.new_field("Depot"), fw.new_field("Bakery")
    fw.activity(days_ago(30), field=depot)
    school = fw.new_field("School 7", unit_key="cell_b", kind="school")
    fw.activity(days_ago(1), field=school)
    return {"steel": fw.field, "depot": depot, "bakery": bakery, "school": school}


def test_it_measures_each_field(fw, timeline):
    report = continuity(fw.secretary)
    by_name = {f.name: f for f in report.fields}
    assert set(by_name) == {"Steelworks", "Depot", "Bakery"}
    steel = by_name["Steelworks"]
    assert (steel.days_since_last, steel.longest_gap, steel.weeks_active,
            steel.overdue_follow_ups, steel.stopped) == (0, 49, 3, 1, False)
    depot = by_name["Depot"]
    assert (depot.days_since_last, depot.longest_gap, depot.weeks_active, depot.stopped) == (
        30, 59, 1, True)
    bakery = by_name["Bakery"]
    assert (bakery.last_activity_on, bakery.days_since_last, bakery.longest_gap,
            bakery.weeks_active, bakery.stopped) == (None, None, 90, 0, True)


def test_it_rolls_up_per_unit(fw, timeline):
    (cell_a,) = continuity(fw.secretary).units
    assert (cell_a.name, cell_a.fields, cell_a.stopped, cell_a.days_since_last) == (
        "Cell A", 3, 2, 0)
    # Union of 0, 3, 10, 30, 40 days ago: the longest silence is 41..89 days ago.
    assert (cell_a.longest_gap, cell_a.weeks_active, cell_a.overdue_follow_ups) == (49, 4, 1)


def test_it_can_look_back_from_another_day(fw, timeline):
    report = continuity(fw.secretary, today=days_ago(5))
    steel = {f.name: f for f in report.fields}["Steelworks"]
    # As seen five days ago: the last activity was 10 days ago; later ones do not exist yet.
    assert (steel.days_since_last, steel.weeks_active) == (5, 2)


def test_it_lists_stopped_fields_silent_longest_first(fw, timeline):
    assert [f.name for f in stopped_fields(fw.secretary)] == ["Bakery", "Depot"]
    do_update_fieldwork_settings(acting_user=None, organization=fw.world.orgs["rp"],
                                 data={"stale_days": 31})
    assert [f.name for f in stopped_fields(fw.secretary)] == ["Bakery"]


def test_it_stays_within_the_scope_and_the_unit(fw, timeline):
    overseer = fw.world.user("overseer")
    assert {f.name for f in continuity(overseer).fields} == {
        "Steelworks", "Depot", "Bakery", "School 7"}
    only_b = continuity(overseer, unit=fw.world.units["cell_b"])
    assert [f.name for f in only_b.fields] == ["School 7"]
    assert {f.name for f in continuity(fw.world.user("committee_member")).fields} == {
        "Steelworks", "Depot", "Bakery", "School 7"}
    assert continuity(fw.world.user("outsider")).fields == []
    with pytest.raises(Http404):
        continuity(fw.secretary, unit=fw.world.units["cell_b"])
    with pytest.raises(Http404):
        stopped_fields(fw.world.user("sibling_secretary"), unit=fw.world.units["cell_a"])


def test_it_defines_gaps_and_weeks_at_the_edges():
    today = timezone.localdate()
    every_day = {today - timedelta(days=n) for n in range(90)}
    assert longest_gap(every_day, today) == 0
    assert longest_gap(set(), today) == 90
    assert longest_gap({today - timedelta(days=89)}, today) == 89
    assert longest_gap({today - timedelta(days=200)}, today) == 90
    assert weeks_active(every_day, today) == 12
    assert weeks_active({today - timedelta(days=84)}, today) == 0


def test_it_counts_days_with_activity_per_week(fw):
    # Three activities on one day count as one day (summed, their bits would carry into
    # day 3 and 4); one more day in the same week.
    for n in (2, 2, 2, 5, 20):
        fw.activity(days_ago(n))
    (steel,) = continuity(fw.secretary).fields
    assert steel.day_mask == (1 << 2) | (1 << 5) | (1 << 20)
    assert steel.week_days == [0] * 9 + [1, 0, 2]
    assert steel.weeks_active == 2


def test_the_database_agrees_with_the_definitions(fw):
    """The day masks come from SQL (date arithmetic differs between SQLite and PostgreSQL);
    on random timelines, crossing the mask words' edge at 44/45 days and the window's at
    89/90, they must give what the plain definitions give."""
    rng = random.Random(7)
    edges = [0, 1, 44, 45, 46, 83, 84, 89, 90, 91]
    timelines = {}
    for i in range(6):
        field = fw.new_field(f"Random {i}")
        ago = sorted(set(rng.sample(range(120), rng.randint(1, 25)) + rng.sample(edges, 3)))
        for n in ago:
            for _ in range(rng.randint(1, 3)):  # several on one day are one day
                fw.activity(days_ago(n), field=field)
        timelines[field.name] = [days_ago(n) for n in ago]
    today = timezone.localdate()
    rows = {f.name: f for f in continuity(fw.secretary).fields}
    for name, dates in timelines.items():
        row = rows[name]
        assert (row.longest_gap, row.weeks_active) == (
            longest_gap(dates, today), weeks_active(dates, today)), name
        expected = [sum(1 for d in dates if 0 <= (today - d).days - 7 * (11 - w) < 7)
                    for w in range(12)]
        assert row.week_days == expected, name


def test_it_rolls_up_a_committee_page_per_child_and_its_own_fields(fw, timeline):
    canal = fw.new_field("Canal", unit_key="north")
    fw.activity(days_ago(60), field=canal)
    report = continuity(fw.world.user("overseer"), unit=fw.world.units["north"])
    units = {(u.name, u.own): u for u in report.units}
    assert set(units) == {("North Committee", True), ("Cell A", False), ("Cell B", False)}
    own = units[("North Committee", True)]
    assert (own.fields, own.stopped, own.days_since_last, own.longest_gap) == (1, 1, 60, 60)
    assert units[("Cell B", False)].fields == 1
    # A cell's page rolls up to its own fields only.
    (cell,) = continuity(fw.secretary, unit=fw.world.units["cell_a"]).units
    assert (cell.name, cell.own, cell.fields) == ("Cell A", True, 3)
