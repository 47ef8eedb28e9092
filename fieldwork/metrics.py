"""Computations over fieldwork for pages: plain dataclasses, aggregated in the database.

Every function takes the user first and answers only within their scope: a field or unit
outside it raises Http404, exactly like a missing one. Aliases appear only where the user sees
the records of the unit that works the field (``Scope.sees_records_of``); above that, counts.

The number of queries of each function is fixed (it does not grow with fields, contacts or
activities): counts come from ``values(...).annotate(Count(...))``, the current assessment of a
contact from a correlated Subquery on the ``assessment_latest`` index, the last activity of a
field from a Subquery on ``activity_field_date``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from access.scope import scope_for
from fieldwork.models import (
    Activity,
    AssessmentLevel,
    ContactProfile,
    DemandRaised,
    Field,
    FieldPart,
    MoodReading,
    Participation,
    StructureTest,
    Struggle,
)
from fieldwork.queries import settings_by_organization, settings_for
from organizations.models import Organization, Unit

GAP_WINDOW_DAYS = 90
WEEKS = 12
NO_PART, TOTAL = "no part", "total"


# --- shared helpers ---

def _visible_field(user, field: Field | int) -> Field:
    pk = field if isinstance(field, int) else field.pk
    found = Field.objects.restrict(user).select_related("unit").filter(pk=pk).first()
    if found is None:
        raise Http404("No field matches the given query.")
    return found


def _visible_unit(user, unit: Unit | int) -> Unit:
    pk = unit if isinstance(unit, int) else unit.pk
    found = Unit.objects.restrict(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No unit matches the given query.")
    return found


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _levels(organization_id: int) -> list[AssessmentLevel]:
    return list(AssessmentLevel.objects.filter(organization_id=organization_id)
                .order_by("position", "value"))


def _never_contacted() -> Exists:
    listed = Activity.contacts.through.objects.filter(person_id=OuterRef("person_id"))
    return ~Exists(listed)


# --- structure test ---

@dataclass(frozen=True)
class LevelCount:
    level_id: int
    value: int
    label: str
    colour: str
    retired: bool
    count: int
    share: float | None  # of the headcount


@dataclass(frozen=True)
class TestRate:
    test_id: int
    kind: str
    title: str
    held_on: date
    participants: int
    rate: float | None  # participants / headcount


@dataclass
class PartStructure:
    """One part of a field (``part_id`` None: the whole field, or contacts without a part)."""

    part_id: int | None
    name: str
    headcount: int
    mapped: int = 0
    assessed: int = 0
    levels: list[LevelCount] = dc_field(default_factory=list)
    supportive: int = 0
    supportive_share: float | None = None
    majority: bool = False
    supermajority: bool = False
    leaders: int = 0
    leader_aliases: list[str] = dc_field(default_factory=list)
    tests: list[TestRate] = dc_field(default_factory=list)


@dataclass
class StructureReport:
    field_id: int
    field_name: str
    shows_aliases: bool
    majority_percent: int
    supermajority_percent: int
    supportive_max_value: int
    total: PartStructure
    parts: list[PartStructure]
    # Contacts mapped in the field without a part (None when there are none).
    unassigned: PartStructure | None


def structure_test(user, field: Field | int) -> StructureReport:
    """How far the field is organized: per part and for the field, the headcount, contacts
    mapped, contacts assessed, the count and share of the headcount at each current level,
    leaders, whether the supportive levels (value <= ``supportive_max_value``) reach a
    majority (MORE than ``majority_percent`` of the headcount: 50 means half plus one) and a
    supermajority (AT LEAST ``supermajority_percent``), and the participation rate of each
    structure test. Leader aliases only when the user sees the field's records."""
    field = _visible_field(user, field)
    show = scope_for(user).sees_records_of(field.unit)
    conf = settings_for(field.unit.organization_id)
    levels = _levels(field.unit.organization_id)
    by_id = {lv.pk: lv for lv in levels}
    parts = list(FieldPart.objects.filter(field=field).order_by("name"))

    grid = (ContactProfile.objects.countable(user).filter(field=field)
            .values("part_id", level=F("current_level_id"))
            .annotate(n=Count("pk"), leaders=Count("pk", filter=Q(leader=True))))
    tests = list(StructureTest.objects.countable(user).filter(field=field)
                 .order_by("-held_on", "-id"))
    taken = (Participation.objects.countable(user).filter(test__field=field)
             .values("test_id", "person__contact_profile__part_id").annotate(n=Count("pk")))

    # Rows are keyed by part id, NO_PART (contacts without a part) and TOTAL.
    rows: dict = {p.pk: PartStructure(p.pk, p.name, p.headcount) for p in parts}
    rows[NO_PART] = PartStructure(None, "", 0)
    rows[TOTAL] = PartStructure(None, field.name, field.headcount)

    def keys(part_id) -> tuple:
        return (part_id if part_id in rows else NO_PART, TOTAL)

    per_level: dict = defaultdict(lambda: defaultdict(int))
    for g in grid:
        for key in keys(g["part_id"]):
            row = rows[key]
            row.mapped += g["n"]
            row.leaders += g["leaders"]
            per_level[key][g["level"]] += g["n"]
            if g["level"] is not None:
                row.assessed += g["n"]
                if by_id[g["level"]].value <= conf.supportive_max_value:
                    row.supportive += g["n"]
    if show:
        for part_id, alias in (ContactProfile.objects.restrict(user)
                               .filter(field=field, leader=True).order_by("person__alias")
                               .values_list("part_id", "person__alias")):
            for key in keys(part_id):
                rows[key].leader_aliases.append(alias)
    participants: dict = defaultdict(int)
    for t in taken:
        for key in keys(t["person__contact_profile__part_id"]):
            participants[(t["test_id"], key)] += t["n"]

    for key, row in rows.items():
        counts, hc = per_level[key], row.headcount
        row.levels = [LevelCount(lv.pk, lv.value, lv.label, lv.colour, lv.retired,
                                 counts[lv.pk], _share(counts[lv.pk], hc))
                      for lv in levels if not lv.retired or counts[lv.pk]]
        row.supportive_share = _share(row.supportive, hc)
        row.majority = bool(hc) and row.supportive * 100 > hc * conf.majority_percent
        row.supermajority = bool(hc) and row.supportive * 100 >= hc * conf.supermajority_percent
        row.tests = [TestRate(t.pk, t.kind, t.title, t.held_on, participants[(t.pk, key)],
                              _share(participants[(t.pk, key)], hc)) for t in tests]
    return StructureReport(
        field_id=field.pk, field_name=field.name, shows_aliases=show,
        majority_percent=conf.majority_percent,
        supermajority_percent=conf.supermajority_percent,
        supportive_max_value=conf.supportive_max_value,
        total=rows[TOTAL], parts=[rows[p.pk] for p in parts],
        unassigned=rows[NO_PART] if rows[NO_PART].mapped else None)


# --- wall chart ---

@dataclass(frozen=True)
class LevelInfo:
    level_id: int
    value: int
    label: str
    colour: str
    retired: bool


@dataclass
class WallCell:
    level_id: int
    count: int = 0
    aliases: list[str] = dc_field(default_factory=list)


@dataclass
class WallRow:
    part_id: int | None  # None: contacts without a part
    name: str
    headcount: int
    cells: list[WallCell] = dc_field(default_factory=list)  # in the order of WallChart.levels
    unassessed: int = 0
    unassessed_aliases: list[str] = dc_field(default_factory=list)
    never_contacted: int = 0
    never_contacted_aliases: list[str] = dc_field(default_factory=list)


@dataclass
class WallChart:
    field_id: int
    field_name: str
    shows_aliases: bool
    levels: list[LevelInfo]  # the columns: active levels, plus retired ones still in use
    rows: list[WallRow]


def wall_chart(user, field: Field | int) -> WallChart:
    """Parts × current assessment levels, with the level colours; per part also the contacts
    not assessed yet and those never listed as contact of any activity. Aliases in the cells
    only when the user sees the records of the field's unit; otherwise counts only."""
    field = _visible_field(user, field)
    show = scope_for(user).sees_records_of(field.unit)
    levels = _levels(field.unit.organization_id)
    parts = list(FieldPart.objects.filter(field=field).order_by("name"))
    base = (ContactProfile.objects.restrict(user) if show
            else ContactProfile.objects.countable(user))
    base = base.filter(field=field).annotate(level=F("current_level_id"),
                                             never=_never_contacted())
    # (part, level, never contacted, count, aliases): aggregated by the database when only
    # counts may be shown; row by row (one query) when the aliases are the point.
    entries: list[tuple[int | None, int | None, bool, int, list[str]]] = []
    if show:
        for part_id, level, never, alias in base.order_by("person__alias").values_list(
                "part_id", "level", "never", "person__alias"):
            entries.append((part_id, level, never, 1, [alias]))
    else:
        for g in base.values("part_id", "level", "never").annotate(n=Count("pk")):
            entries.append((g["part_id"], g["level"], g["never"], g["n"], []))

    used = {e[1] for e in entries}
    columns = [lv for lv in levels if not lv.retired or lv.pk in used]
    rows = {p.pk: WallRow(p.pk, p.name, p.headcount,
                          [WallCell(lv.pk) for lv in columns]) for p in parts}
    position = {lv.pk: i for i, lv in enumerate(columns)}
    for part_id, level, never, n, aliases in entries:
        if part_id not in rows:
            part_id = None
            rows.setdefault(None, WallRow(None, "", 0, [WallCell(lv.pk) for lv in columns]))
        row = rows[part_id]
        if level is None:
            row.unassessed += n
            row.unassessed_aliases += aliases
        else:
            cell = row.cells[position[level]]
            cell.count += n
            cell.aliases += aliases
        if never:
            row.never_contacted += n
            row.never_contacted_aliases += aliases
    ordered = [rows[p.pk] for p in parts] + ([rows[None]] if None in rows else [])
    return WallChart(field.pk, field.name, show,
                     [LevelInfo(lv.pk, lv.value, lv.label, lv.colour, lv.retired)
                      for lv in columns], ordered)


# --- continuity ---

@dataclass
class FieldContinuity:
    field_id: int
    name: str
    unit_id: int
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


@dataclass
class UnitContinuity:
    unit_id: int
    name: str
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
    units: list[UnitContinuity]


def _field_rows(user, where: Q, today: date) -> list[tuple[FieldContinuity, str]]:
    """Visible fields matching ``where`` with their last activity and stale threshold, each
    with its unit's path (two queries)."""
    # An activity's unit is its field's unit (Activity.clean), so a visible field's
    # activities are within the user's counts.
    last = (Activity.objects.filter(field=OuterRef("pk"), date__lte=today)
            .order_by("-date").values("date")[:1])
    rows = list(Field.objects.restrict(user).filter(where).annotate(last_on=Subquery(last))
                .order_by("unit__path", "name")
                .values("pk", "name", "unit_id", "unit__name", "unit__path",
                        "unit__organization_id", "priority", "strategic", "last_on"))
    conf = settings_by_organization({r["unit__organization_id"] for r in rows})
    out = []
    for r in rows:
        stale = conf[r["unit__organization_id"]].stale_days
        days = (today - r["last_on"]).days if r["last_on"] else None
        out.append((FieldContinuity(
            field_id=r["pk"], name=r["name"], unit_id=r["unit_id"], unit_name=r["unit__name"],
            priority=r["priority"], strategic=r["strategic"], last_activity_on=r["last_on"],
            days_since_last=days, stale_days=stale, stopped=days is None or days >= stale),
            r["unit__path"]))
    return out


def _within(user, unit: Unit | int | None) -> Q:
    if unit is None:
        return Q()
    return Q(unit__path__startswith=_visible_unit(user, unit).path)


def _silence_first(row: FieldContinuity) -> tuple:
    return (row.days_since_last is not None, -(row.days_since_last or 0), row.name)


def longest_gap(dates: Iterable[date], today: date, window: int = GAP_WINDOW_DAYS) -> int:
    """The longest run of consecutive days without activity among the ``window`` days ending
    today (no activity at all: the whole window; activity every day: 0)."""
    return _longest_gap(sorted(d.toordinal() for d in dates), today.toordinal(), window)


def weeks_active(dates: Iterable[date], today: date, weeks: int = WEEKS) -> int:
    """In how many of the last ``weeks`` 7-day periods (ending today) something happened."""
    return _weeks_active([d.toordinal() for d in dates], today.toordinal(), weeks)


# The same on day numbers (date.toordinal): integer arithmetic keeps 1,000 fields x 90 days
# well inside a page's time budget.
def _longest_gap(days: list[int], today: int, window: int = GAP_WINDOW_DAYS) -> int:
    previous, gap = today - window, 0  # previous: the day before the window
    for d in days:  # sorted
        if previous < d <= today:
            if d - previous - 1 > gap:
                gap = d - previous - 1
            previous = d
    return max(gap, today - previous)


def _weeks_active(days: list[int], today: int, weeks: int = WEEKS) -> int:
    return len({(today - d) // 7 for d in days if 0 <= today - d < weeks * 7})


def continuity(user, unit: Unit | int | None = None, today: date | None = None) -> Continuity:
    """Is the work daily and uninterrupted? Per visible field (optionally within a unit's
    subtree): days since the last activity, the longest gap in the last 90 days, the weeks
    with activity among the last 12, overdue follow-ups, and whether it has stopped
    (FieldworkSettings.stale_days); rolled up per unit that works the fields."""
    today = today or timezone.localdate()
    rows = [row for row, _path in _field_rows(user, _within(user, unit), today)]
    ids = [r.field_id for r in rows]
    days: dict[int, list[int]] = defaultdict(list)  # field -> sorted day numbers
    overdue: dict[int, int] = {}
    if ids:
        start = today - timedelta(days=GAP_WINDOW_DAYS - 1)
        # Ordered like the (field, date) index: PostgreSQL reads it in order and removes
        # duplicates without sorting or hashing (and no "id" from the default ordering
        # slips into the DISTINCT).
        for field_id, day in (Activity.objects.filter(field_id__in=ids, date__gte=start,
                                                      date__lte=today)
                              .order_by("field_id", "date").values_list("field_id", "date")
                              .distinct()):
            days[field_id].append(day.toordinal())
        # Open follow-ups only: the partial index activity_open_follow_up.
        overdue = dict(Activity.objects.filter(field_id__in=ids, follow_up_done=False,
                                               follow_up_on__lt=today)
                       # count(*) lets PostgreSQL answer from the partial index alone.
                       .order_by().values("field_id").annotate(n=Count("*"))
                       .values_list("field_id", "n"))
    number = today.toordinal()
    by_unit: dict[int, list[FieldContinuity]] = defaultdict(list)
    for r in rows:
        r.longest_gap = _longest_gap(days[r.field_id], number)
        r.weeks_active = _weeks_active(days[r.field_id], number)
        r.overdue_follow_ups = overdue.get(r.field_id, 0)
        by_unit[r.unit_id].append(r)
    units = []
    for unit_id, fields in by_unit.items():
        union = sorted({d for f in fields for d in days[f.field_id]})
        lasts = [f.last_activity_on for f in fields if f.last_activity_on]
        last = max(lasts) if lasts else None
        units.append(UnitContinuity(
            unit_id=unit_id, name=fields[0].unit_name, fields=len(fields),
            stopped=sum(f.stopped for f in fields), last_activity_on=last,
            days_since_last=(today - last).days if last else None,
            longest_gap=_longest_gap(union, number), weeks_active=_weeks_active(union, number),
            overdue_follow_ups=sum(f.overdue_follow_ups for f in fields)))
    return Continuity(today=today, fields=rows, units=units)


def stopped_fields(user, unit: Unit | int | None = None,
                   today: date | None = None) -> list[FieldContinuity]:
    """Visible fields without any activity for their organization's stale_days (or never),
    longest silence first. Only days_since_last/last_activity_on are filled in."""
    today = today or timezone.localdate()
    rows = [row for row, _path in _field_rows(user, _within(user, unit), today) if row.stopped]
    return sorted(rows, key=_silence_first)


# --- pulse ---

@dataclass(frozen=True)
class MoodPoint:
    taken_on: date
    value: int
    note: str  # empty unless the user sees the field's records


@dataclass(frozen=True)
class DemandMonth:
    month: date  # first day of the month
    demand_id: int
    demand: str
    kind: str
    count: int


@dataclass(frozen=True)
class StruggleInfo:
    struggle_id: int
    kind: str
    started_on: date
    ended_on: date | None
    participants: int
    involvement: str
    outcome: str
    demands: list[str]


@dataclass
class Pulse:
    field_id: int
    field_name: str
    mood: list[MoodPoint]
    demands: list[DemandMonth]
    struggles: list[StruggleInfo]


def pulse(user, field: Field | int) -> Pulse:
    """The workers' pulse in a field: the mood readings in date order (the trend), how often
    each demand was raised per month, and the struggles, newest first."""
    field = _visible_field(user, field)
    show = scope_for(user).sees_records_of(field.unit)
    mood = [MoodPoint(r["taken_on"], r["value"], r["note"] if show else "")
            for r in MoodReading.objects.countable(user).filter(field=field)
            .order_by("taken_on", "id").values("taken_on", "value", "note")]
    demands = [DemandMonth(r["month"], r["demand_id"], r["demand__name"], r["demand__kind"],
                           r["n"])
               for r in DemandRaised.objects.restrict(user).filter(field=field)
               .annotate(month=TruncMonth("raised_on"))
               .values("month", "demand_id", "demand__name", "demand__kind")
               .annotate(n=Count("pk")).order_by("month", "demand__name")]
    struggles = [StruggleInfo(s.pk, s.kind, s.started_on, s.ended_on, s.participants,
                              s.involvement, s.outcome, [d.name for d in s.demands.all()])
                 for s in Struggle.objects.restrict(user).filter(field=field)
                 .prefetch_related("demands").order_by("-started_on", "-id")]
    return Pulse(field.pk, field.name, mood, demands, struggles)


# --- dashboards: aggregates only ---

@dataclass(frozen=True)
class WeekCount:
    start: date
    end: date
    activities: int


@dataclass
class UnitSummary:
    unit_id: int
    name: str
    fields: int = 0
    contacts: int = 0
    assessed: int = 0
    stopped: int = 0

    @property
    def assessed_share(self) -> float | None:
        return _share(self.assessed, self.contacts)


@dataclass
class Dashboard:
    title: str
    today: date
    fields: int
    strategic_fields: int
    priority_fields: int  # priority above 0
    contacts: int  # contacts mapped in these fields (with a contact profile)
    assessed: int  # ... of whom have a current assessment
    assessed_share: float | None
    weeks: list[WeekCount]  # the last 12 weeks, oldest first
    stopped: list[FieldContinuity]
    # Per child unit (unit dashboard) or per top visible unit (organization dashboard).
    units: list[UnitSummary]


def organization_dashboard(user, organization: Organization | int,
                           today: date | None = None) -> Dashboard:
    """Counts for the part of an organization the user may see (never aliases)."""
    org_id = organization if isinstance(organization, int) else organization.pk
    if org_id not in scope_for(user).organization_ids:
        raise Http404("No organization matches the given query.")
    visible = list(Unit.objects.restrict(user).filter(organization_id=org_id)
                   .order_by("path"))
    ids = {u.pk for u in visible}
    tops = [u for u in visible if u.parent_id not in ids]
    name = Organization.objects.filter(pk=org_id).values_list("name", flat=True).first()
    return _dashboard(user, name or "",
                      lambda prefix: Q(**{f"{prefix}organization_id": org_id}), tops, today)


def unit_dashboard(user, unit: Unit | int, today: date | None = None) -> Dashboard:
    """Counts for a unit's subtree (within the user's scope), per child unit."""
    unit = _visible_unit(user, unit)
    children = list(Unit.objects.restrict(user).filter(parent=unit).order_by("name"))
    return _dashboard(user, unit.name,
                      lambda prefix: Q(**{f"{prefix}path__startswith": unit.path}), children,
                      today)


def _group_of(path: str, groups: list[Unit]) -> int | None:
    for g in groups:
        if path.startswith(g.path):
            return g.pk
    return None


def _dashboard(user, title: str, where: Callable[[str], Q], groups: list[Unit],
               today: date | None) -> Dashboard:
    """``where(prefix)``: the units counted, as a filter on ``<prefix>path`` or similar."""
    today = today or timezone.localdate()
    summaries = {g.pk: UnitSummary(g.pk, g.name) for g in groups}
    totals = UnitSummary(0, title)
    field_counts = (Field.objects.restrict(user).filter(where("unit__")).values("unit__path")
                    .annotate(n=Count("pk"), strategic=Count("pk", filter=Q(strategic=True)),
                              prio=Count("pk", filter=Q(priority__gt=0))))
    strategic = prioritized = 0
    for r in field_counts:
        strategic += r["strategic"]
        prioritized += r["prio"]
        totals.fields += r["n"]
        group = _group_of(r["unit__path"], groups)
        if group is not None:
            summaries[group].fields += r["n"]
    # Contacts mapped in fields, and how many of them have a current assessment.
    contact_counts = (ContactProfile.objects.countable(user).filter(where("field__unit__"))
                      .values("field__unit__path")
                      .annotate(n=Count("*"), a=Count("current_level_id")))
    for r in contact_counts:
        totals.contacts += r["n"]
        totals.assessed += r["a"]
        group = _group_of(r["field__unit__path"], groups)
        if group is not None:
            summaries[group].contacts += r["n"]
            summaries[group].assessed += r["a"]
    start = today - timedelta(days=WEEKS * 7 - 1)
    # COUNT(*): answered from the (date, unit) index alone.
    per_day = (Activity.objects.countable(user)
               .filter(where("unit__"), date__gte=start, date__lte=today)
               .order_by().values("date").annotate(n=Count("*")))
    buckets = [0] * WEEKS
    for r in per_day:
        buckets[(today - r["date"]).days // 7] += r["n"]
    weeks = [WeekCount(today - timedelta(days=7 * k + 6), today - timedelta(days=7 * k),
                       buckets[k]) for k in reversed(range(WEEKS))]
    stopped = []
    for row, path in _field_rows(user, where("unit__"), today):
        if row.stopped:
            stopped.append(row)
            group = _group_of(path, groups)
            if group is not None:
                summaries[group].stopped += 1
    return Dashboard(title=title, today=today, fields=totals.fields, strategic_fields=strategic,
                     priority_fields=prioritized, contacts=totals.contacts,
                     assessed=totals.assessed,
                     assessed_share=_share(totals.assessed, totals.contacts),
                     weeks=weeks, stopped=sorted(stopped, key=_silence_first),
                     units=[summaries[g.pk] for g in groups])
