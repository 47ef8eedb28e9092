"""Computations over fieldwork for pages: plain dataclasses, aggregated in the database.

Every function takes the user first and answers only within their scope: a field or unit
outside it raises Http404, exactly like a missing one. Aliases appear only where the user sees
the records of the unit that works the field (``Scope.sees_records_of``); above that, counts.

The number of queries of each function is fixed (it does not grow with fields, contacts or
activities): counts come from ``values(...).annotate(Count(...))``, the current assessment of a
contact from a correlated Subquery on the ``assessment_latest`` index. Continuity (days since,
gaps, weeks) lives in ``fieldwork.continuity``; the dashboards reuse its field rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, timedelta
from uuid import UUID

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone

from access.scope import scope_for
from fieldwork.continuity import WEEKS, FieldContinuity, field_rows, silence_first
from fieldwork.defaults import shown
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
from fieldwork.queries import settings_for
from nucleus.calendars import month_start
from organizations.models import Organization, Unit

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
    test_uid: UUID
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
        row.levels = [LevelCount(lv.pk, lv.value, lv.shown_label, lv.colour, lv.retired,
                                 counts[lv.pk], _share(counts[lv.pk], hc))
                      for lv in levels if not lv.retired or counts[lv.pk]]
        row.supportive_share = _share(row.supportive, hc)
        row.majority = bool(hc) and row.supportive * 100 > hc * conf.majority_percent
        row.supermajority = bool(hc) and row.supportive * 100 >= hc * conf.supermajority_percent
        row.tests = [TestRate(t.pk, t.uid, t.kind, t.title, t.held_on,
                              participants[(t.pk, key)], _share(participants[(t.pk, key)], hc))
                     for t in tests]
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
    uid: UUID | None = None


@dataclass(frozen=True)
class WallPerson:
    """A contact as the wall chart lists them (only to those who see the field's records)."""

    alias: str
    uid: UUID
    last_contact_on: date | None
    overdue: bool  # an open follow-up past its date


@dataclass
class WallCell:
    level_id: int
    count: int = 0
    people: list[WallPerson] = dc_field(default_factory=list)

    @property
    def aliases(self) -> list[str]:
        return [p.alias for p in self.people]


@dataclass
class WallRow:
    """One part. Every contact counts in exactly one of: a level cell (assessed), ``?``
    (``unassessed``: contacted, not assessed yet) or ``∅`` (``never_contacted``: neither
    contacted nor assessed), so that the row adds up to its contacts (``mapped``)."""

    part_id: int | None  # None: contacts without a part
    name: str
    headcount: int
    cells: list[WallCell] = dc_field(default_factory=list)  # in the order of WallChart.levels
    part_uid: UUID | None = None
    unassessed: int = 0
    unassessed_people: list[WallPerson] = dc_field(default_factory=list)
    never_contacted: int = 0
    never_contacted_people: list[WallPerson] = dc_field(default_factory=list)

    @property
    def unassessed_aliases(self) -> list[str]:
        return [p.alias for p in self.unassessed_people]

    @property
    def never_contacted_aliases(self) -> list[str]:
        return [p.alias for p in self.never_contacted_people]

    @property
    def mapped(self) -> int:
        return sum(c.count for c in self.cells) + self.unassessed + self.never_contacted


@dataclass
class WallChart:
    field_id: int
    field_name: str
    shows_aliases: bool
    levels: list[LevelInfo]  # the columns: active levels, plus retired ones still in use
    rows: list[WallRow]

    @property
    def mapped(self) -> int:
        return sum(r.mapped for r in self.rows)


def overdue_follow_up(user, today: date) -> Exists:
    """Whether the contact (``person_id`` of the outer row) is named in an activity the user
    sees whose follow-up is still open and past its date (the continuity's "overdue")."""
    return Exists(Activity.objects.restrict(user).filter(
        contacts=OuterRef("person_id"), follow_up_done=False, follow_up_on__lt=today))


def wall_chart(user, field: Field | int, today: date | None = None) -> WallChart:
    """Parts × current assessment levels, with the level colours; per part also the contacts
    contacted but not assessed yet (``?``) and those neither contacted (no last contact)
    nor assessed (``∅``): the three are disjoint and add up to the contacts mapped. People
    (alias, last contact, an overdue follow-up) only when the user sees the records of the
    field's unit; otherwise counts only."""
    field = _visible_field(user, field)
    today = today or timezone.localdate()
    show = scope_for(user).sees_records_of(field.unit)
    levels = _levels(field.unit.organization_id)
    parts = list(FieldPart.objects.filter(field=field).order_by("name"))
    base = (ContactProfile.objects.restrict(user) if show
            else ContactProfile.objects.countable(user))
    base = base.filter(field=field).annotate(
        level=F("current_level_id"), never=Q(last_contact_on__isnull=True))
    # (part, level, never contacted, count, people): aggregated by the database when only
    # counts may be shown; row by row (one query) when the people are the point.
    entries: list[tuple[int | None, int | None, bool, int, list[WallPerson]]] = []
    if show:
        for part, level, never, alias, uid, last, overdue in (
                base.annotate(overdue=overdue_follow_up(user, today))
                .order_by("person__alias").values_list(
                    "part_id", "level", "never", "person__alias", "person__uid",
                    "last_contact_on", "overdue")):
            entries.append((part, level, never, 1, [WallPerson(alias, uid, last, overdue)]))
    else:
        for g in base.values("part_id", "level", "never").annotate(n=Count("pk")):
            entries.append((g["part_id"], g["level"], g["never"], g["n"], []))

    used = {e[1] for e in entries}
    columns = [lv for lv in levels if not lv.retired or lv.pk in used]

    def new_row(part: FieldPart | None) -> WallRow:
        return WallRow(part.pk if part else None, part.name if part else "",
                       part.headcount if part else 0, [WallCell(lv.pk) for lv in columns],
                       part_uid=part.uid if part else None)

    rows: dict[int | None, WallRow] = {p.pk: new_row(p) for p in parts}
    position = {lv.pk: i for i, lv in enumerate(columns)}
    for part_id, level, never, n, people in entries:
        if part_id not in rows:
            part_id = None
            rows.setdefault(None, new_row(None))
        row = rows[part_id]
        if level is not None:
            cell = row.cells[position[level]]
            cell.count += n
            cell.people += people
        elif never:
            row.never_contacted += n
            row.never_contacted_people += people
        else:
            row.unassessed += n
            row.unassessed_people += people
    ordered = [rows[p.pk] for p in parts] + ([rows[None]] if None in rows else [])
    return WallChart(field.pk, field.name, show,
                     [LevelInfo(lv.pk, lv.value, lv.shown_label, lv.colour, lv.retired, lv.uid)
                      for lv in columns], ordered)


# --- pulse ---

@dataclass(frozen=True)
class MoodPoint:
    taken_on: date
    value: int
    note: str  # empty unless the user sees the field's records


@dataclass(frozen=True)
class DemandMonth:
    month: date  # first day of the month, in the reader's calendar (nucleus.calendars)
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


def pulse(user, field: Field | int, month_of: Callable[[date], date] = month_start) -> Pulse:
    """The workers' pulse in a field: the mood readings in date order (the trend), how often
    each demand was raised per month (``month_of``: a day's month, by default in the reader's
    calendar), and the struggles, newest first."""
    field = _visible_field(user, field)
    show = scope_for(user).sees_records_of(field.unit)
    mood = [MoodPoint(r["taken_on"], r["value"], r["note"] if show else "")
            for r in MoodReading.objects.countable(user).filter(field=field)
            .order_by("taken_on", "id").values("taken_on", "value", "note")]
    demands = _demands_per_month(DemandRaised.objects.restrict(user).filter(field=field),
                                 month_of)
    struggles = [StruggleInfo(s.pk, s.kind, s.started_on, s.ended_on, s.participants,
                              s.involvement, s.outcome, [d.shown_name for d in s.demands.all()])
                 for s in Struggle.objects.restrict(user).filter(field=field)
                 .prefetch_related("demands").order_by("-started_on", "-id")]
    return Pulse(field.pk, field.name, mood, demands, struggles)


def _demands_per_month(raised, month_of: Callable[[date], date]) -> list[DemandMonth]:
    """Counted per day in the database, then per month here: the reader's month (a Jalali
    month runs from the 21st or so to the 21st) is no truncation the database knows."""
    months: dict[tuple[date, int], list] = {}
    for r in (raised.values("raised_on", "demand_id", "demand__name", "demand__kind")
              .annotate(n=Count("pk")).order_by()):
        key = (month_of(r["raised_on"]), r["demand_id"])
        row = months.setdefault(key, [shown(r["demand__name"]), r["demand__kind"], 0])
        row[2] += r["n"]
    return sorted((DemandMonth(month, demand_id, name, kind, n)
                   for (month, demand_id), (name, kind, n) in months.items()),
                  key=lambda d: (d.month, d.demand))


# --- dashboards: aggregates only ---

@dataclass(frozen=True)
class WeekCount:
    start: date
    end: date
    activities: int


@dataclass
class UnitSummary:
    unit_id: int
    unit_uid: UUID | None
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
    tops = Unit.objects.restrict(user).filter(organization_id=org_id).topmost()
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
    summaries = {g.pk: UnitSummary(g.pk, g.uid, g.name) for g in groups}
    totals = UnitSummary(0, None, title)
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
    # Contacts mapped in fields, and how many of them have a current assessment: counted per
    # field on the (field, part, current_level) index, in the fields the user may count (a
    # profile counts with its field's unit: ContactProfileQuerySet.countable), then added up
    # per unit here; grouping 200,000 profiles joined to fields and units is slower.
    profiles = ContactProfile.objects.filter(field=OuterRef("pk")).order_by().values("field")
    contact_counts = (
        Field.objects.countable(user).filter(where("unit__"))
        .annotate(n=Subquery(profiles.annotate(c=Count("*")).values("c")),
                  a=Subquery(profiles.annotate(c=Count("current_level_id")).values("c")))
        .values("unit__path", "n", "a"))
    for r in contact_counts:
        if not r["n"]:
            continue
        totals.contacts += r["n"]
        totals.assessed += r["a"]
        group = _group_of(r["unit__path"], groups)
        if group is not None:
            summaries[group].contacts += r["n"]
            summaries[group].assessed += r["a"]
    start = today - timedelta(days=WEEKS * 7 - 1)
    # Activities of the units the user may count (as Activity.objects.countable), taken as
    # ids: COUNT(*) is then answered from the (date, unit) index alone, without joining
    # 110,000 entries to their units.
    counted = list(Unit.objects.countable(user).filter(where(""))
                   .values_list("pk", flat=True))
    per_day = (Activity.objects.filter(unit_id__in=counted, date__gte=start, date__lte=today)
               .order_by().values("date").annotate(n=Count("*")))
    buckets = [0] * WEEKS
    for r in per_day:
        buckets[(today - r["date"]).days // 7] += r["n"]
    weeks = [WeekCount(today - timedelta(days=7 * k + 6), today - timedelta(days=7 * k),
                       buckets[k]) for k in reversed(range(WEEKS))]
    stopped = []
    for row, path in field_rows(user, where("unit__"), today):
        if row.stopped:
            stopped.append(row)
            group = _group_of(path, groups)
            if group is not None:
                summaries[group].stopped += 1
    return Dashboard(title=title, today=today, fields=totals.fields, strategic_fields=strategic,
                     priority_fields=prioritized, contacts=totals.contacts,
                     assessed=totals.assessed,
                     assessed_share=_share(totals.assessed, totals.contacts),
                     weeks=weeks, stopped=sorted(stopped, key=silence_first),
                     units=[summaries[g.pk] for g in groups])
