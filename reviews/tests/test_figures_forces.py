"""Member hours on priority fields against elsewhere, against hand-computed values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from deployment.actions import do_assign_member, do_set_field_need
from fieldwork.actions import do_set_field_priority
from fieldwork.tests.conftest import days_ago
from reviews.figures import Period
from reviews.figures_forces import Span, concentration, days_in_force, member_hours

FOUR_WEEKS = Period(date(2026, 1, 1), date(2026, 1, 28))


def test_it_counts_the_days_an_assignment_was_in_force():
    def span(since, until=None):
        return Span(1, 5, Decimal(3), since, until)

    assert days_in_force(span(date(2025, 12, 1)), FOUR_WEEKS) == 28
    # Ended on Jan 8: in force Jan 1 to 7.
    assert days_in_force(span(date(2025, 12, 1), date(2026, 1, 8)), FOUR_WEEKS) == 7
    assert days_in_force(span(date(2026, 1, 22), date(2026, 2, 5)), FOUR_WEEKS) == 7
    assert days_in_force(span(date(2026, 2, 1)), FOUR_WEEKS) == 0
    assert days_in_force(span(date(2025, 11, 1), date(2025, 12, 31)), FOUR_WEEKS) == 0


def test_it_splits_member_hours_by_priority():
    hours = member_hours([
        Span(1, 5, Decimal(3), date(2025, 12, 1), None),  # 4 weeks x 3 h = 12
        Span(2, 0, Decimal(2), date(2026, 1, 15), None),  # 2 weeks x 2 h = 4
        Span(None, None, Decimal(7), date(2026, 1, 1), date(2026, 1, 8)),  # 1 week x 7 = 7
        Span(1, 5, Decimal(3), date(2026, 1, 22), date(2026, 2, 5)),  # 1 week x 3 h = 3
        Span(3, 2, Decimal(9), date(2025, 1, 1), date(2025, 12, 31)),  # over before
        Span(4, None, Decimal(1), date(2025, 12, 1), None),  # a field not seen: 4 h
    ], FOUR_WEEKS)
    assert (hours.priority, hours.no_priority, hours.teams, hours.unseen, hours.total) == (
        15, 4, 7, 4, 30)
    assert dict(hours.per_field) == {1: 15, 2: 4}


def test_it_prepares_the_concentration_from_the_assignments(fw):
    world, secretary = fw.world, fw.secretary
    # Temporary teams are planned runs; their hours are counted in the test above.
    do_set_field_priority(acting_user=None, field=fw.field, priority=4)
    do_set_field_need(acting_user=None, field=fw.field, data={"hours_per_member": Decimal(3)})
    school = fw.new_field("Cell B school", unit_key="cell_b")  # no priority, not seen
    do_assign_member(acting_user=None, member=world.people["alias-cella-1"], field=fw.field,
                     since=days_ago(100))
    do_assign_member(acting_user=None, member=world.people["alias-cella-2"], field=school,
                     since=days_ago(13))
    # Not a member of Cell A: not the cell's hours.
    do_assign_member(acting_user=None, member=world.people["alias-cellb-1"], field=fw.field,
                     since=days_ago(100))
    figure = concentration(secretary, world.units["cell_a"],
                           Period(days_ago(27), days_ago(0)), days_ago(0))
    # 4 weeks x 3 h on the Steelworks; 2 weeks x 2 h (the default need) on Cell B's school,
    # which the cell's secretary does not see: counted apart, its priority untold.
    assert (figure["total"], figure["priority"], figure["no_priority"], figure["teams"],
            figure["unseen"]) == (16.0, 12.0, 0.0, 0.0, 4.0)
    assert figure["priority_share"] == 0.75
    assert figure["rows"] == [{"uid": str(fw.field.uid), "name": "Steelworks",
                               "unit": "Cell A", "priority": 4, "hours": 12.0}]
