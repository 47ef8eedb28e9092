"""Is the work daily and uninterrupted? Continuity of fields, rolled up per unit.

Per visible field: days since the last activity, the longest run of days without activity in
the last GAP_WINDOW_DAYS, the activities in each of the last WEEKS weeks (7-day periods ending
today) and how many of those weeks saw any, overdue follow-ups, and whether the work has
stopped (FieldworkSettings.stale_days). Per unit the same over the union of its fields' days.

The query of the fields answers, per field, a bit mask of its days with activity (bit n: n
days ago) from correlated subqueries on the (field, date) index: a row per field instead of
one per field and day, so the whole organization (a thousand fields) stays cheap; gaps, weeks
and the timeline (days with activity per week) are bit operations, and a unit's figures are
the OR of its fields' masks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, timedelta
from uuid import UUID

from django.db.models import (
    BigIntegerField,
    Count,
    DateField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.utils import timezone

from access.helpers import access_object
from fieldwork.models import Activity, Field
from fieldwork.queries import settings_by_organization
from organizations.models import Unit

GAP_WINDOW_DAYS = 90
WEEKS = 12
# Days per mask word: a sum of distinct powers below 2**45 fits a signed 64-bit integer.
_WORD_DAYS = 45


@dataclass
class FieldContinuity:
    field_id: int
    field_uid: UUID  # the pages link by uid
    name: str
    unit_id: int
    unit_uid: UUID
    unit_name: str
    priority: int
    strategic: bool
    last_activity_on: date | None
    days_since_last: int | None  # None: never any activity
    stale_days: int
    stopped: bool  # no activity for stale_days days (or never)
    longest_gap: int = GAP_WINDOW_DAYS  # longest run of days without activity, last 90 days
    weeks_active: int = 0  # of the last 12 weeks (7-day periods ending today)
    overdue_follow_ups: int = 0
    # Days with activity in each of the last 12 weeks, oldest first (0-7: 7 is daily work):
    # the timeline on the page.
    week_days: list[int] = dc_field(default_factory=lambda: [0] * WEEKS)
    day_mask: int = 0  # bit n set: some activity n days ago (n < GAP_WINDOW_DAYS)


@dataclass
class UnitContinuity:
    unit_id: int
    unit_uid: UUID
    name: str
    # True: only the fields the unit works itself; False: its whole visible subtree.
    own: bool
    fields: int
    stopped: int
    last_activity_on: date | None
    days_since_last: int | None
    longest_gap: int
    weeks_active: int
    overdue_follow_ups: int


@dataclass
class Continuity:
    today: date
    fields: list[FieldContinuity]
    # The unit's own fields, then each visible child's subtree (only those with fields).
    units: list[UnitContinuity]


# --- the database side ---

class DaysBefore(Func):
    """Whole days from a date expression to ``day`` (0 on that day, 1 the day before ...)."""

    output_field = IntegerField()

    def __init__(self, expression: str, day: date) -> None:
        super().__init__(Value(day, output_field=DateField()), expression)

    def as_sql(self, compiler, connection, **extra):
        # PostgreSQL: date - date is an integer number of days.
        return super().as_sql(compiler, connection, template="(%(expressions)s)",
                              arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        # Dates are ISO text; julianday() of a date is a whole number.
        return super().as_sql(compiler, connection,
                              template="CAST(julianday(%(expressions)s) AS INTEGER)",
                              arg_joiner=") - julianday(", **extra)


class Bit(Func):
    """1 << n as a 64-bit integer."""

    template = "(CAST(1 AS bigint) << %(expressions)s)"
    output_field = BigIntegerField()


def _per_field(queryset: QuerySet, **aggregate) -> Subquery:
    """One aggregate over the activities of ``OuterRef('pk')`` (a field), as a correlated
    subquery: each field is read on its own (field, date) index range, which needs neither a
    list of ids nor a sort of the whole window."""
    name, expression = next(iter(aggregate.items()))
    return Subquery(queryset.filter(field=OuterRef("pk")).order_by().values("field")
                    .annotate(**{name: expression}).values(name))


def _activity_annotations(today: date) -> dict:
    """Per field: the words of the mask of days with activity in the GAP_WINDOW_DAYS ending
    today (bit n: n days ago; word k holds days k*_WORD_DAYS onwards) and the open follow-ups
    that are overdue."""
    out = {}
    for word, first in enumerate(range(0, GAP_WINDOW_DAYS, _WORD_DAYS)):
        newest = today - timedelta(days=first)  # bit 0 of this word
        days = Activity.objects.filter(date__lte=newest,
                                       date__gt=newest - timedelta(days=_WORD_DAYS))
        # DISTINCT: several activities on one day set its bit once.
        out[f"mask{word}"] = _per_field(days, m=Sum(Bit(DaysBefore("date", newest)),
                                                    distinct=True))
    # Open follow-ups only: the partial index activity_open_follow_up; count(*) lets
    # PostgreSQL answer from that index alone.
    out["overdue"] = _per_field(Activity.objects.filter(follow_up_done=False,
                                                        follow_up_on__lt=today),
                                n=Count("*"))
    return out


def field_rows(user, where: Q, today: date, *,
               activity: bool = False) -> list[tuple[FieldContinuity, str]]:
    """Visible fields matching ``where`` with their last activity and stale threshold, each
    with its unit's path (two queries). ``activity``: also the mask of days with activity,
    the gap, weeks and overdue follow-ups, in the same query."""
    # An activity's unit is its field's unit (Activity.clean), so a visible field's
    # activities are within the user's counts.
    last = (Activity.objects.filter(field=OuterRef("pk"), date__lte=today)
            .order_by("-date").values("date")[:1])
    extra = _activity_annotations(today) if activity else {}
    rows = list(Field.objects.restrict(user).filter(where)
                .annotate(last_on=Subquery(last), **extra)
                .order_by("unit__path", "name")
                .values("pk", "uid", "name", "unit_id", "unit__uid", "unit__name", "unit__path",
                        "unit__organization_id", "priority", "strategic", "last_on", *extra))
    conf = settings_by_organization({r["unit__organization_id"] for r in rows})
    out = []
    for r in rows:
        stale = conf[r["unit__organization_id"]].stale_days
        days = (today - r["last_on"]).days if r["last_on"] else None
        row = FieldContinuity(
            field_id=r["pk"], field_uid=r["uid"], name=r["name"], unit_id=r["unit_id"],
            unit_uid=r["unit__uid"], unit_name=r["unit__name"],
            priority=r["priority"], strategic=r["strategic"], last_activity_on=r["last_on"],
            days_since_last=days, stale_days=stale, stopped=days is None or days >= stale)
        if activity:
            for word, first in enumerate(range(0, GAP_WINDOW_DAYS, _WORD_DAYS)):
                row.day_mask |= int(r[f"mask{word}"] or 0) << first
            row.longest_gap, row.weeks_active = _gap_of(row.day_mask), _weeks_of(row.day_mask)
            row.week_days = _days_per_week(row.day_mask)
            row.overdue_follow_ups = r["overdue"] or 0
        out.append((row, r["unit__path"]))
    return out


def silence_first(row: FieldContinuity) -> tuple:
    return (row.days_since_last is not None, -(row.days_since_last or 0), row.name)


# --- gaps and weeks on day masks ---

def _mask(dates: Iterable[date], today: date, window: int) -> int:
    mask = 0
    for d in dates:
        ago = (today - d).days
        if 0 <= ago < window:
            mask |= 1 << ago
    return mask


def _gap_of(mask: int, window: int = GAP_WINDOW_DAYS) -> int:
    """The longest run of 0 bits among the ``window`` lowest bits."""
    bits = format(mask & ((1 << window) - 1), f"0{window}b")
    return max(map(len, bits.split("1")))


def _days_per_week(mask: int, weeks: int = WEEKS) -> list[int]:
    """Days with activity in each of the last ``weeks`` weeks, oldest first."""
    return [((mask >> (7 * week)) & 0x7F).bit_count() for week in reversed(range(weeks))]


def _weeks_of(mask: int, weeks: int = WEEKS) -> int:
    return sum(1 for week in range(weeks) if (mask >> (7 * week)) & 0x7F)


def longest_gap(dates: Iterable[date], today: date, window: int = GAP_WINDOW_DAYS) -> int:
    """The longest run of consecutive days without activity among the ``window`` days ending
    today (no activity at all: the whole window; activity every day: 0)."""
    return _gap_of(_mask(dates, today, window), window)


def weeks_active(dates: Iterable[date], today: date, weeks: int = WEEKS) -> int:
    """In how many of the last ``weeks`` 7-day periods (ending today) something happened."""
    return _weeks_of(_mask(dates, today, weeks * 7), weeks)


# --- the report ---

def _groups(user, unit: Unit | None) -> list[tuple[Unit, bool]]:
    """What the unit table rolls up to, as (unit, own): the unit's own fields, then each
    visible child's subtree; without a unit, each topmost visible unit's subtree."""
    if unit is not None:
        children = Unit.objects.restrict(user).filter(parent=unit).order_by("name")
        return [(unit, True), *((child, False) for child in children)]
    return [(u, False) for u in Unit.objects.restrict(user).topmost()]


def continuity(user, unit: Unit | int | None = None, today: date | None = None) -> Continuity:
    """Continuity of the visible fields (within a unit's subtree when ``unit`` is given; a unit
    outside the user's scope raises Http404), rolled up per unit as ``_groups`` says."""
    today = today or timezone.localdate()
    top = None if unit is None else access_object(
        Unit, user, unit if isinstance(unit, int) else unit.pk)
    where = Q() if top is None else Q(unit__path__startswith=top.path)
    rows = field_rows(user, where, today, activity=True)

    units = []
    for group, own in _groups(user, top):
        members = [row for row, path in rows
                   if (path == group.path if own else path.startswith(group.path))]
        if not members:
            continue
        mask = 0
        for row in members:
            mask |= row.day_mask
        lasts = [row.last_activity_on for row in members if row.last_activity_on]
        last = max(lasts) if lasts else None
        units.append(UnitContinuity(
            unit_id=group.pk, unit_uid=group.uid, name=group.name, own=own, fields=len(members),
            stopped=sum(row.stopped for row in members), last_activity_on=last,
            days_since_last=(today - last).days if last else None,
            longest_gap=_gap_of(mask), weeks_active=_weeks_of(mask),
            overdue_follow_ups=sum(row.overdue_follow_ups for row in members)))
    return Continuity(today=today, fields=[row for row, _path in rows], units=units)


def stopped_fields(user, unit: Unit | int | None = None,
                   today: date | None = None) -> list[FieldContinuity]:
    """Visible fields without any activity for their organization's stale_days (or never),
    longest silence first. Only days_since_last/last_activity_on are filled in."""
    today = today or timezone.localdate()
    where = Q()
    if unit is not None:
        top = access_object(Unit, user, unit if isinstance(unit, int) else unit.pk)
        where = Q(unit__path__startswith=top.path)
    rows = [row for row, _path in field_rows(user, where, today) if row.stopped]
    return sorted(rows, key=silence_first)
