"""Between the database and the pure planner (deployment.planner): which members and fields
a committee plans with, the suggested score of a field, the instance snapshot kept with a run,
solving, and plain-language messages.

Reads go through the access layer: a committee plans only with the members of its own units
whose records the planning user may change, and only with the fields of those units.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from deployment import planner
from deployment.models import (
    DEFAULT_HOURS_PER_MEMBER,
    DEFAULT_MAX_TEAM,
    DEFAULT_MIN_TEAM,
    Area,
    DeploymentAssignment,
    FieldNeed,
    MemberCapacity,
    TemporaryTeam,
    skill_labels,
    split_list,
)
from deployment.planner.model import objective_of, staffed
from deployment.sealed_inputs import member_locations
from deployment.snapshot import DEFAULT_TIME_LIMIT_S as DEFAULT_TIME_LIMIT_S
from deployment.snapshot import Coverage as Coverage
from deployment.snapshot import coverages as coverages
from deployment.snapshot import (  # re-exported: callers use services.instance_*
    instance_from_json as instance_from_json,
)
from deployment.snapshot import instance_to_json as instance_to_json
from deployment.snapshot import stored_instance as stored_instance
from fieldwork.models import ContactProfile, Field, Tie
from fieldwork.queries import fields_for, settings_by_organization
from organizations.models import Unit
from people.models import Person

MAX_TIME_LIMIT_S = 600.0
DEFAULT_STABILITY_WEIGHT = 0.5
# Above this many member x field combinations the planner keeps only the nearest candidates.
PRUNE_ABOVE = 1_000_000
PRUNED_CANDIDATES = 40
# Unstaffed fields explained one by one (the most valuable first); the rest get a summary.
EXPLAIN_UNSTAFFED = 30
# Progress (percent) when the solver starts; it reports nothing until it ends.
OPTIMIZING_AT = 25
OPTIMIZED_AT = 90

# --- the suggested score of a field (0 to 5, the scale of a field's priority) ---

HEADCOUNT_MAX = 2.0  # 10,000 workers or more
STRATEGIC_POINTS = 1.0
TIE_POINTS = 0.25  # per member in touch with the field's contacts
TIES_MAX = 1.0
SUPPORT_MAX = 1.0  # all assessed contacts supportive


@dataclass(frozen=True)
class ScorePart:
    key: str
    label: str
    value: float
    detail: str


@dataclass(frozen=True)
class SuggestedScore:
    total: float
    parts: tuple[ScorePart, ...]


def suggested_score(field_obj: Field, *, members_in_touch: int, assessed: int,
                    supportive: int) -> SuggestedScore:
    """Where the forces pay off most: many workers, a strategic sector, members already in
    touch with the field's contacts and a supportive mood among them. Each part is shown with
    the total so that the committee sees why."""
    hc = field_obj.headcount
    headcount = min(HEADCOUNT_MAX, math.log10(1 + hc) / 2)
    strategic = STRATEGIC_POINTS if field_obj.strategic else 0.0
    ties = min(TIES_MAX, TIE_POINTS * members_in_touch)
    share = supportive / assessed if assessed else 0.0
    support = SUPPORT_MAX * share
    parts = (
        ScorePart("headcount", _("Workers"), round(headcount, 2),
                  _("%(n)s workers") % {"n": hc}),
        ScorePart("strategic", _("Strategic sector"), strategic,
                  field_obj.get_strategic_sector_display() if field_obj.strategic else _("no")),
        ScorePart("ties", _("Members in touch"), round(ties, 2),
                  _("%(n)s members in touch with its contacts") % {"n": members_in_touch}),
        ScorePart("support", _("Support"), round(support, 2),
                  _("%(s)s of %(a)s assessed contacts supportive")
                  % {"s": supportive, "a": assessed}),
    )
    return SuggestedScore(round(sum(p.value for p in parts), 2), parts)


def members_in_touch(user, field_ids: Iterable[int]) -> dict[int, int]:
    """Distinct members with an 'in touch' tie to a contact of each field (counted, never
    listed: through ``countable``)."""
    ids = list(field_ids)
    ties = Tie.objects.countable(user).filter(kind=Tie.Kind.IN_TOUCH)
    pairs = set(ties.filter(to_person__contact_profile__field_id__in=ids).values_list(
        "to_person__contact_profile__field_id", "from_person_id"))
    pairs |= set(ties.filter(from_person__contact_profile__field_id__in=ids).values_list(
        "from_person__contact_profile__field_id", "to_person_id"))
    out: dict[int, int] = defaultdict(int)
    for field_id, _member in pairs:
        out[field_id] += 1
    return dict(out)


def contact_support(user, fields: list[Field]) -> dict[int, tuple[int, int]]:
    """(assessed contacts, supportive contacts) per field, with each organization's own
    threshold of what counts as supportive."""
    by_org: dict[int, list[int]] = defaultdict(list)
    for f in fields:
        by_org[f.unit.organization_id].append(f.pk)
    conf = settings_by_organization(by_org)
    out: dict[int, tuple[int, int]] = {}
    for org_id, ids in by_org.items():
        limit = conf[org_id].supportive_max_value
        rows = (ContactProfile.objects.countable(user).filter(field_id__in=ids)
                .values("field_id")
                .annotate(assessed=Count("id", filter=Q(current_level__isnull=False)),
                          supportive=Count("id", filter=Q(current_level__value__lte=limit)))
                .order_by())
        for row in rows:
            out[row["field_id"]] = (row["assessed"], row["supportive"])
    return out


def suggested_scores(user, fields: Iterable[Field]) -> dict[int, SuggestedScore]:
    fields = list(fields)
    touch = members_in_touch(user, [f.pk for f in fields])
    support = contact_support(user, fields)
    return {f.pk: suggested_score(f, members_in_touch=touch.get(f.pk, 0),
                                  assessed=support.get(f.pk, (0, 0))[0],
                                  supportive=support.get(f.pk, (0, 0))[1])
            for f in fields}


# --- needs and weights ---

@dataclass(frozen=True)
class Need:
    """A field's needs, with the defaults when none were recorded."""

    min_team: int = DEFAULT_MIN_TEAM
    max_team: int = DEFAULT_MAX_TEAM
    hours_per_member: Decimal = DEFAULT_HOURS_PER_MEMBER
    skills: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    weight_source: str = FieldNeed.WeightSource.PRIORITY
    own_weight: Decimal | None = None
    recorded: bool = False
    area: Area | None = None

    @property
    def skill_display(self) -> str:
        return skill_labels(self.skills)

    @property
    def language_display(self) -> str:
        return ", ".join(sorted(self.languages))

    @property
    def team_text(self) -> str:
        low, high = self.min_team, self.max_team
        if low and low == high:
            return ngettext("exactly %(n)s member, or nobody",
                            "exactly %(n)s members, or nobody", low) % {"n": low}
        if low:
            return _("%(low)s to %(high)s members, or nobody") % {"low": low, "high": high}
        # Not ngettext: "1 member" is not the singular of "1 to n members".
        if high == 1:
            return _("1 member")
        return _("1 to %(n)s members") % {"n": high}

    @property
    def source_label(self) -> str:
        return str(FieldNeed.WeightSource(self.weight_source).label)


def need_of(field_obj: Field) -> Need:
    try:
        n = field_obj.need
    except FieldNeed.DoesNotExist:
        return Need()
    return Need(n.min_team, n.max_team, n.hours_per_member, frozenset(split_list(
        n.required_skills)), frozenset(split_list(n.required_languages)), n.weight_source,
        n.weight, True, n.area)


def effective_weight(field_obj: Field, need: Need, score: SuggestedScore) -> float:
    if need.weight_source == FieldNeed.WeightSource.OWN and need.own_weight is not None:
        return float(need.own_weight)
    if need.weight_source == FieldNeed.WeightSource.SUGGESTED:
        return score.total
    return float(field_obj.priority)


def _point(lat, lon) -> tuple[float, float] | None:
    return None if lat is None or lon is None else (float(lat), float(lon))


def field_point(field_obj: Field) -> tuple[float, float] | None:
    """Where a field is for the planner: its area's reference point (its needs name the
    area), else its own coordinates if any were recorded."""
    try:
        area = field_obj.need.area
    except FieldNeed.DoesNotExist:
        area = None
    return area.point if area is not None else _point(field_obj.latitude, field_obj.longitude)


# --- what a committee plans with ---

def planning_members(user, unit: Unit) -> QuerySet[Person]:
    """Members of the unit's subtree whose records the user may change (not those who left
    or are suspended)."""
    return (Person.objects.restrict(user, "change")
            .filter(kind=Person.Kind.MEMBER, unit__path__startswith=unit.path)
            .exclude(status__in=[Person.Status.LEFT, Person.Status.SUSPENDED]))


def planning_fields(user, unit: Unit) -> QuerySet[Field]:
    """Fields of the unit's subtree whose records the user may change."""
    return fields_for(user, unit=unit, action="change")


def can_plan(user, unit: Unit) -> bool:
    return planning_members(user, unit).exists() or planning_fields(user, unit).exists()


def team_field_id(team: TemporaryTeam) -> int:
    """The id of a temporary team in the planner's instance: negative, never a field's."""
    return -team.pk


@dataclass
class PlanningInput:
    instance: planner.Instance
    members: dict[int, Person]
    fields: dict[int, Field]
    current: set[tuple[int, int]]
    team: TemporaryTeam | None = None
    scores: dict[int, SuggestedScore] = field(default_factory=dict)
    without_capacity: int = 0
    withheld_locations: int = 0


def build_instance(user, unit: Unit, *, time_limit_s: float = DEFAULT_TIME_LIMIT_S,
                   stability_weight: float = DEFAULT_STABILITY_WEIGHT,
                   team: TemporaryTeam | None = None) -> PlanningInput:
    """The planner's instance for a committee: its members with a recorded capacity and its
    fields, with the assignments in force (kept ones earn the stability weight). Hours a member
    already gives outside these fields (another committee's field, another temporary team) are
    taken off their capacity. A temporary team is planned as one more field, weighted above
    everything else together, that needs exactly its k members."""
    people = list(planning_members(user, unit).select_related("capacity")
                  .prefetch_related("capacity__excluded_fields"))
    fields = list(planning_fields(user, unit).select_related("need__area", "unit"))
    field_by_id = {f.pk: f for f in fields}
    scores = suggested_scores(user, fields)
    needs = {f.pk: need_of(f) for f in fields}
    weights = {f.pk: effective_weight(f, needs[f.pk], scores[f.pk]) for f in fields}
    with_capacity = [p for p in people if capacity_of(p) is not None]
    member_ids = [p.pk for p in with_capacity]
    current: set[tuple[int, int]] = set()
    busy: dict[int, float] = defaultdict(float)
    in_force = (DeploymentAssignment.objects.restrict(user, "view")
                .filter(member_id__in=member_ids, until=None)
                .select_related("field__need", "temporary_team"))
    for a in in_force:
        if a.field_id in field_by_id:
            current.add((a.member_id, a.field_id))
        elif a.field_id is None and team is not None and a.temporary_team_id == team.pk:
            current.add((a.member_id, team_field_id(team)))
        elif a.field is None:
            assert a.temporary_team is not None  # a field or a team (a check constraint)
            if a.temporary_team.dissolved_on is None:
                busy[a.member_id] += float(a.temporary_team.hours_per_member)
        else:
            busy[a.member_id] += float(need_of(a.field).hours_per_member)

    # Decrypted once for the whole run, under the access layer (deployment.sealed_inputs).
    located = member_locations(user, member_ids)
    members = []
    for p in with_capacity:
        cap = p.capacity
        hours = float(cap.hours_per_week)
        if hours >= 0:
            # Committed elsewhere beyond the capacity leaves nothing, which is not an error
            # (a negative capacity is, and the planner's check names it).
            hours = max(0.0, hours - busy.get(p.pk, 0.0))
        excluded = frozenset(f.pk for f in cap.excluded_fields.all()) & field_by_id.keys()
        members.append(planner.Member(
            id=p.pk, hours=hours, skills=cap.skill_set, languages=cap.language_set,
            location=located.points.get(p.pk),
            max_distance_km=None if cap.max_distance_km is None else float(cap.max_distance_km),
            excluded_fields=excluded,
            current_fields=frozenset(f for m, f in current if m == p.pk)))

    need_list = [planner.FieldNeed(
        id=f.pk, weight=round(weights[f.pk], 3), min_team=needs[f.pk].min_team,
        max_team=needs[f.pk].max_team, hours_per_member=float(needs[f.pk].hours_per_member),
        required_skills=needs[f.pk].skills, required_languages=needs[f.pk].languages,
        location=field_point(f)) for f in fields]
    if team is not None:
        need_list.append(_team_need(team, weights, stability_weight, len(current)))
    size = len(members) * len(need_list)
    instance = planner.Instance(
        members=members, fields=need_list, stability_weight=stability_weight,
        time_limit_s=time_limit_s,
        max_candidates_per_member=PRUNED_CANDIDATES if size > PRUNE_ABOVE else None)
    return PlanningInput(instance=instance, members={p.pk: p for p in with_capacity},
                         fields=field_by_id, current=current, team=team, scores=scores,
                         without_capacity=len(people) - len(with_capacity),
                         withheld_locations=located.withheld)


def capacity_of(person: Person) -> MemberCapacity | None:
    try:
        return person.capacity
    except MemberCapacity.DoesNotExist:
        return None


def _team_need(team: TemporaryTeam, weights: dict[int, float], stability: float,
               kept: int) -> planner.FieldNeed:
    # Above every other field together (and every kept assignment): staffing the team always
    # wins, and the solver then keeps as much of the priority fields as it can.
    top = round(sum(weights.values()) + stability * kept + 1, 3)
    where = team.struggle.field if team.struggle is not None else None
    return planner.FieldNeed(
        id=team_field_id(team), weight=top, min_team=team.needed_members,
        max_team=team.needed_members, hours_per_member=float(team.hours_per_member),
        required_skills=frozenset(split_list(team.required_skills)),
        required_languages=frozenset(split_list(team.required_languages)),
        location=field_point(where) if where else None)


# --- the snapshot kept with a run: deployment.snapshot (re-exported for callers) ---

def current_pairs(instance: planner.Instance) -> set[tuple[int, int]]:
    return {(m.id, f) for m in instance.members for f in m.current_fields}


def plan_of(instance: planner.Instance, pairs: set[tuple[int, int]], *,
            bound: float | None = None) -> planner.Plan:
    """A plan made of these pairs (after an edit by hand), explained, with its objective."""
    obj = objective_of(instance, pairs)
    if bound is None or math.isnan(bound):
        bound, gap = float("nan"), float("nan")
    else:
        bound = max(bound, obj)
        gap = (bound - obj) / max(abs(bound), 1e-9)
    ids = sorted(pairs)
    plan = planner.Plan(
        assignments=tuple(planner.Assignment(m, f) for m, f in ids),
        staffed_fields=frozenset(staffed(instance, set(ids))), objective=obj, bound=bound,
        gap=gap, status="EDITED", solve_seconds=0.0)
    return planner.explain_plan(instance, plan)


# --- solving ---

@dataclass
class Outcome:
    plan: planner.Plan
    greedy_objective: float
    unstaffed: dict[int, list[str]]
    diff: dict[str, list[int]]


def solve_input(pi: PlanningInput, progress: Callable[[int, str], None] = lambda p, m: None
                ) -> Outcome:
    """Validate (PlanningInputError says what to fix), solve, explain, compare."""
    instance = pi.instance
    progress(15, _("Checking the input"))
    planner.validate(instance)
    progress(20, _("Computing the greedy baseline"))
    greedy = planner.solve_greedy(instance)
    progress(OPTIMIZING_AT, _("Optimizing"))
    plan = planner.solve(instance)
    progress(92, _("Explaining the plan"))
    return Outcome(plan=plan, greedy_objective=greedy.objective,
                   unstaffed=unstaffed_reasons(instance, plan),
                   diff=planner.compare(pi.current, plan))


def unstaffed_reasons(instance: planner.Instance, plan: planner.Plan) -> dict[int, list[str]]:
    """Why each field without a team stayed so: what makes it impossible on its own, or that
    the hours went to fields worth more."""
    done = staffed(instance, plan.pairs())
    left = sorted((f for f in instance.fields if f.id not in done),
                  key=lambda f: (-f.weight, f.id))
    out: dict[int, list[str]] = {}
    for n, f in enumerate(left):
        if f.weight <= 0:
            out[f.id] = [gettext_noop("weight is 0: staffing it gains nothing")]
        elif n < EXPLAIN_UNSTAFFED:
            out[f.id] = planner.explain_infeasible(instance, f.id) or [gettext_noop(
                "could be staffed on its own; the members' hours went to fields worth more")]
        else:
            out[f.id] = [gettext_noop(
                "not staffed: the members' hours went to fields worth more")]
    return out


# --- plain-language messages ---

_MEMBER = re.compile(r"\bmember (\d+)")
_FIELD = re.compile(r"\bfield (-?\d+)")
_FIELDS = re.compile(r"\bfield(?: ids)? \[([-\d, ]*)\]|\bfields \[([-\d, ]*)\]")


@dataclass
class Names:
    """Aliases and field names a viewer may see; ids of others stay numbers."""

    members: dict[int, str] = field(default_factory=dict)
    fields: dict[int, str] = field(default_factory=dict)

    def member_name(self, pk: int) -> str:
        return self.members.get(pk) or _("member #%(id)s") % {"id": pk}

    def field_name(self, pk: int) -> str:
        return self.fields.get(pk) or _("field #%(id)s") % {"id": pk}

    def _quoted(self, pk: int) -> str:
        # A team's name already says "team"; a field is named in quotes.
        return self.field_name(pk) if pk < 0 else f"“{self.field_name(pk)}”"

    def explain(self, reasons: list, text: str = "") -> str:
        """A planned assignment's reason in the active language, with names (``text``, the
        stored English, for rows stored without parts)."""
        if not reasons:
            return self.humanize(text)
        shown = []
        for template, params in reasons:
            if "field" in params:
                params = {**params, "field": self._quoted(int(params["field"]))}
            shown.append(_(template) % params)
        return "; ".join(shown)

    def humanize(self, text: str) -> str:
        """The planner speaks of ids ('member 5', 'field 12'); people read names."""
        def many(match: re.Match) -> str:
            ids = [int(x) for x in re.findall(r"-?\d+", match.group(1) or match.group(2) or "")]
            return ", ".join(self._quoted(i) for i in ids)

        text = _FIELDS.sub(many, text)
        text = _FIELD.sub(lambda m: self._quoted(int(m.group(1))), text)
        return _MEMBER.sub(lambda m: self.member_name(int(m.group(1))), text)


def names_for(user, *, member_ids: Iterable[int], field_ids: Iterable[int],
              team: TemporaryTeam | None = None) -> Names:
    member_ids = list(member_ids)
    names = Names(
        members=dict(Person.objects.restrict(user).filter(pk__in=member_ids)
                     .values_list("pk", "alias")),
        fields=dict(Field.objects.restrict(user).filter(pk__in=[i for i in field_ids if i > 0])
                    .values_list("pk", "name")))
    if team is not None:
        names.fields[team_field_id(team)] = _("team “%(name)s”") % {"name": team.name}
    return names

