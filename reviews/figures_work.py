"""The review figures read from the work among the masses (fieldwork): where work stopped and
the longest gaps, structure tests that did not move, demands recorded but never raised in a
struggle, follow-ups left open.

Each figure is a pure function over plain rows (tested against hand-computed values) and a
gatherer that reads those rows for the unit's subtree through the access layer: fields,
demands and struggles are structure (``restrict``); activities, tests and participation are
records, only counted here (``countable``), so no alias reaches a figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.utils.translation import gettext_lazy as _

from fieldwork.models import Activity, DemandRaised, Field, Participation, StructureTest, Struggle
from fieldwork.queries import settings_for
from organizations.models import Unit
from reviews.figures import FigureProvider, Period, iso, register

ONE_DAY = timedelta(days=1)


def unit_fields(user: Any, unit: Unit) -> QuerySet[Field]:
    """The fields of the unit and the units below it that the user sees (structure)."""
    return (Field.objects.restrict(user).filter(unit__path__startswith=unit.path)
            .select_related("unit").order_by("-priority", "name"))


def _field_info(field: Field) -> dict[str, Any]:
    return {"uid": str(field.uid), "name": field.name, "unit": field.unit.name,
            "priority": field.priority}


# --- 1. where work stopped, and the longest gaps ---

@dataclass(frozen=True)
class Gap:
    longest: int  # the longest run of days inside the period without activity
    first: date | None  # its first and last day (None: activity every day)
    last: date | None
    # The longest silence during the period, counted like the continuity page counts "days
    # since the last activity": from the last activity before the period when there was one.
    silence: int
    active_days: int


def field_gap(dates: Iterable[date], last_before: date | None, period: Period) -> Gap:
    """Gaps of one field in ``period``: ``dates`` are its days with activity (any, those
    outside the period are ignored), ``last_before`` its last activity before the period.
    A field that was not worked before the period counts its silence from the period's
    start: a review does not hold against the unit the time before the work began."""
    days = sorted({d for d in dates if d in period})
    longest, first, last = 0, None, None
    silence = 0
    previous = period.start - ONE_DAY
    for n, day in enumerate([*days, period.end + ONE_DAY]):
        run = (day - previous).days - 1
        if run > longest:
            longest, first, last = run, previous + ONE_DAY, day - ONE_DAY
        if run:  # the silence on the last empty day of this run, inside the period
            since = previous if n or last_before is None else last_before
            silence = max(silence, (day - ONE_DAY - since).days)
        previous = day
    return Gap(longest, first, last, silence, len(days))


def stopped_fields(user: Any, unit: Unit, period: Period, today: date) -> dict[str, Any]:
    fields = list(unit_fields(user, unit))
    stale = settings_for(unit.organization_id).stale_days
    # Only counted, never listed: the days with activity per field, and the last day before.
    counted = Activity.objects.countable(user).filter(field__in=fields)
    dates: dict[int, set[date]] = defaultdict(set)
    for field_id, day in (counted.filter(date__gte=period.start, date__lte=period.end)
                          .values_list("field_id", "date").distinct()):
        dates[field_id].add(day)
    before = dict(counted.filter(date__lt=period.start).order_by().values("field_id")
                  .annotate(last=Max("date")).values_list("field_id", "last"))
    rows = []
    for field in fields:
        gap = field_gap(dates[field.pk], before.get(field.pk), period)
        rows.append({**_field_info(field), "active_days": gap.active_days,
                     "longest_gap": gap.longest, "gap_from": iso(gap.first),
                     "gap_to": iso(gap.last), "silence": gap.silence,
                     "stopped": gap.silence >= stale})
    rows.sort(key=lambda r: (not r["stopped"], -r["longest_gap"], r["name"]))
    return {"stale_days": stale, "fields": len(rows),
            "stopped": sum(r["stopped"] for r in rows),
            "longest_gap": max((r["longest_gap"] for r in rows), default=0), "rows": rows}


# --- 3. structure tests that did not move ---

@dataclass(frozen=True)
class HeldTest:
    field_id: int
    test_id: int
    title: str
    held_on: date
    participants: int
    headcount: int

    @property
    def rate(self) -> float | None:
        return self.participants / self.headcount if self.headcount else None

    def rose_from(self, previous: HeldTest) -> bool:
        # The field's headcount is the denominator of both rates: the participants decide
        # (and still do when no headcount is recorded).
        return self.participants > previous.participants


def unmoved_tests(tests: Iterable[HeldTest], period: Period) -> tuple[int, list[tuple[
        HeldTest, HeldTest]]]:
    """The tests held in the period, and those among them whose participation did not rise
    against the previous test of the same field (with that previous test). A field's first
    test has nothing to be compared with."""
    by_field: dict[int, list[HeldTest]] = defaultdict(list)
    for test in tests:
        by_field[test.field_id].append(test)
    held, unmoved = 0, []
    for points in by_field.values():
        points.sort(key=lambda t: (t.held_on, t.test_id))
        for previous, test in zip([None, *points], points, strict=False):
            if test.held_on not in period:
                continue
            held += 1
            if previous is not None and not test.rose_from(previous):
                unmoved.append((test, previous))
    unmoved.sort(key=lambda pair: (pair[0].held_on, pair[0].test_id))
    return held, unmoved


def _test_row(test: HeldTest) -> dict[str, Any]:
    return {"title": test.title, "held_on": iso(test.held_on),
            "participants": test.participants, "rate": test.rate}


def unmoved_structure_tests(user: Any, unit: Unit, period: Period,
                            today: date) -> dict[str, Any]:
    fields = {f.pk: f for f in unit_fields(user, unit)}
    tests = list(StructureTest.objects.countable(user)
                 .filter(field_id__in=fields, held_on__lte=period.end)
                 .values_list("pk", "field_id", "title", "held_on"))
    taken = dict(Participation.objects.countable(user).filter(test_id__in=[t[0] for t in tests])
                 .order_by().values("test_id").annotate(n=Count("pk")).values_list("test_id", "n"))
    points = [HeldTest(field_id, pk, title, held_on, taken.get(pk, 0),
                        fields[field_id].headcount)
              for pk, field_id, title, held_on in tests]
    held, unmoved = unmoved_tests(points, period)
    return {"held": held, "unmoved": len(unmoved),
            "rows": [{**_field_info(fields[test.field_id]), "test": _test_row(test),
                      "previous": _test_row(previous)} for test, previous in unmoved]}


# --- 4. demands recorded but never raised in a struggle ---

@dataclass(frozen=True)
class RaisedPoint:
    field_id: int
    demand_id: int
    on: date


@dataclass(frozen=True)
class StrugglePoint:
    field_id: int
    demand_ids: frozenset[int]
    started_on: date
    ended_on: date | None


def taken_up(raised: RaisedPoint, struggles: Iterable[StrugglePoint], period: Period) -> bool:
    """A struggle of the same field carried the demand and was under way at some time from
    the day it was recorded to the end of the period."""
    return any(raised.demand_id in s.demand_ids and s.field_id == raised.field_id
               and s.started_on <= period.end
               and (s.ended_on is None or s.ended_on >= raised.on) for s in struggles)


def never_raised(raised: Iterable[RaisedPoint], struggles: Iterable[StrugglePoint],
                 period: Period) -> tuple[int, list[tuple[int, int, int, date, date]]]:
    """Per field and demand recorded in the period: (how many demands were recorded, and for
    those no struggle took up: (field, demand, times recorded, first, last day))."""
    struggles = list(struggles)
    groups: dict[tuple[int, int], list[RaisedPoint]] = defaultdict(list)
    for point in raised:
        if point.on in period:
            groups[(point.field_id, point.demand_id)].append(point)
    left = []
    for (field_id, demand_id), points in groups.items():
        if not any(taken_up(p, struggles, period) for p in points):
            days = sorted(p.on for p in points)
            left.append((field_id, demand_id, len(points), days[0], days[-1]))
    left.sort(key=lambda row: (row[3], row[0], row[1]))
    return len(groups), left


def demands_never_raised(user: Any, unit: Unit, period: Period, today: date) -> dict[str, Any]:
    fields = {f.pk: f for f in unit_fields(user, unit)}
    rows = list(DemandRaised.objects.restrict(user)
                .filter(field_id__in=fields, raised_on__gte=period.start,
                        raised_on__lte=period.end)
                .values_list("field_id", "demand_id", "demand__name", "raised_on"))
    names = {demand_id: name for _f, demand_id, name, _d in rows}
    struggles = [StrugglePoint(s.field_id, frozenset(d.pk for d in s.demands.all()),
                               s.started_on, s.ended_on)
                 for s in Struggle.objects.restrict(user)
                 .filter(field_id__in=fields, started_on__lte=period.end)
                 .prefetch_related("demands")]
    recorded, left = never_raised([RaisedPoint(f, d, on) for f, d, _n, on in rows], struggles,
                                  period)
    return {"recorded": recorded, "never_raised": len(left),
            "rows": [{**_field_info(fields[f]), "demand": names[d], "times": times,
                      "first": iso(first), "last": iso(last)}
                     for f, d, times, first, last in left]}


# --- 5. follow-ups left open ---

def open_follow_ups(due: Iterable[tuple[int | None, date | None]], today: date
                    ) -> tuple[int, int, dict[int | None, tuple[int, int, date]]]:
    """Open follow-ups given as (field or None, due day): (open, overdue, per field: (open,
    overdue, the earliest due day)). Overdue: due before today, as on the continuity page."""
    per: dict[int | None, tuple[int, int, date]] = {}
    total = overdue = 0
    for field_id, day in due:
        if day is None:  # the query asks for a due day; a row without one is no follow-up
            continue
        late = int(day < today)
        total, overdue = total + 1, overdue + late
        n, o, earliest = per.get(field_id, (0, 0, day))
        per[field_id] = (n + 1, o + late, min(earliest, day))
    return total, overdue, per


def follow_ups_left_open(user: Any, unit: Unit, period: Period, today: date) -> dict[str, Any]:
    fields = {f.pk: f for f in unit_fields(user, unit)}
    due = (Activity.objects.countable(user)
           .filter(unit__path__startswith=unit.path, follow_up_done=False,
                   follow_up_on__gte=period.start, follow_up_on__lte=period.end)
           .values_list("field_id", "follow_up_on"))
    total, overdue, per = open_follow_ups(due, today)
    rows = []
    for field_id, (n, late, earliest) in per.items():
        # Activities without a field, or in a field the user does not see, by unit only.
        info = (_field_info(fields[field_id]) if field_id in fields
                else {"uid": None, "name": None, "unit": None, "priority": None})
        rows.append({**info, "open": n, "overdue": late, "earliest": iso(earliest)})
    rows.sort(key=lambda r: (-r["overdue"], -r["open"], r["name"] or ""))
    return {"open": total, "overdue": overdue, "rows": rows}


register(FigureProvider(
    key="stopped_fields", order=10, compute=stopped_fields,
    title=_("Where the work stopped, and the longest gaps"),
    explains=_("For each field of the unit: the longest run of days in the period without "
               "any activity, and whether the work stopped (no activity for as many days as "
               "the organization's fieldwork settings say).")))
register(FigureProvider(
    key="unmoved_tests", order=30, compute=unmoved_structure_tests,
    title=_("Structure tests that did not move"),
    explains=_("Structure tests held in the period whose participation did not rise against "
               "the previous test of the same field.")))
register(FigureProvider(
    key="demands_never_raised", order=40, compute=demands_never_raised,
    title=_("Demands recorded but never raised"),
    explains=_("Demands recorded in the unit's fields during the period that no struggle in "
               "the same field took up by the end of the period.")))
register(FigureProvider(
    key="open_follow_ups", order=50, compute=follow_ups_left_open,
    title=_("Follow-ups left open"),
    explains=_("Activities whose follow-up was due in the period and is not done.")))
