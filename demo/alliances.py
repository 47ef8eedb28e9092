"""The demo's circles of allies and splits (issue #11, points 7 and 8), through the
alliances actions:

* the Russian Maoist Party's three circles from 002, furthest first, each with its criteria
  as separate items and the organizations it names; the nearest circle requires a decision,
  and its three organizations cite one decision of the RMP Central Committee (recorded
  directly, found by its title when it is there). 002 gives no date: the decision and the
  classifications are dated the day after the last event it speaks of (30 April 2006);
* WPI's split of August 2004 (001) with what it took from the Central Committee and the
  Kurdistan Committee, in the seed's words, no persons;
* the splits that 004's directory gives for CIPOML's parties as lineage events, and their
  founding years where the profile has none.

Each step finds before it creates: loading the demo twice creates nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta
from pathlib import Path

from alliances.actions import Assessment, do_add_circle, do_add_criterion, do_classify
from alliances.models import Circle, Classification, Split
from alliances.splits import OrganCount, do_record_split
from demo.seeds import Seeds, read_seed
from demo.seeds_alliances import cipoml_lineage, circle_criteria, latest_date, split_shares
from organizations.actions import do_add_lineage_event, do_update_organization
from organizations.models import LineageEvent, Organization, Unit
from organs.actions import do_record_decision
from organs.models import Decision

CIRCLE_NAMES = {1: "First circle (the furthest)", 2: "Second circle",
                3: "Third circle (the nearest)"}
DECISION_TITLE = "Entered into the ranks of our closest allies"


def _circle(unit: Unit, number: int, remark: str, by_decision: bool) -> tuple[Circle, int]:
    found = Circle.objects.filter(unit=unit, position=number).first()
    if found is not None:
        return found, 0
    return do_add_circle(acting_user=None, unit=unit, name=CIRCLE_NAMES[number],
                         description=remark, requires_decision=by_decision), 1


def _decision(unit: Unit, seeds: Seeds, day, text: str) -> tuple[Decision, int]:
    found = Decision.objects.filter(unit=unit, title=DECISION_TITLE).first()
    if found is not None:
        return found, 0
    return do_record_decision(acting_user=None, unit=unit, data={
        "decided_on": day, "title": DECISION_TITLE,
        "text": f"{text} ({seeds.rmp.title})"}), 1


def build_rmp_circles(unit: Unit, seeds: Seeds, allies: Mapping[int, Sequence[Organization]],
                      seeds_dir: Path) -> int:
    """RMP's three circles with their criteria and organizations; ``allies`` are the
    organizations the builder made for each circle's names."""
    created = 0
    day = latest_date(read_seed(seeds_dir, "002")[1]) + timedelta(days=1)
    for seed in seeds.rmp.circles:
        items = circle_criteria(seed)
        circle, made = _circle(unit, seed.number, items.remark, items.by_decision)
        created += made
        criteria = list(circle.criteria.all())
        for text in items.criteria[len(criteria):]:
            criteria.append(do_add_criterion(acting_user=None, circle=circle, text=text))
            created += 1
        decision = None
        if circle.requires_decision:
            decision, made = _decision(unit, seeds, day, seed.remark)
            created += made
        for org in allies.get(seed.number, ()):
            if Classification.objects.filter(unit=unit, organization=org).exists():
                continue
            # Named in the circle by the party: every criterion holds, in its own words.
            do_classify(acting_user=None, circle=circle, organization=org, since=day,
                        decision=decision, note=seed.remark,
                        assessments=[Assessment(criterion=c, holds=True,
                                                why=seeds.rmp.title) for c in criteria])
            created += 1
    return created


def build_wpi_split(units: Mapping[str, Unit], seeds: Seeds) -> int:
    w = seeds.wpi
    wpi = Organization.objects.get(name=w.name)
    new = Organization.objects.get(name=w.split_off.other, country=w.country)
    if Split.objects.filter(organization=wpi, new_organization=new).exists():
        return 0
    organs = {u.name: u for u in units.values() if u.organization_id == wpi.pk}
    counts = [OrganCount(unit=organs[organ], description=share)
              for share, organ in split_shares(w.split_off.note)]
    do_record_split(acting_user=None, organization=wpi, new_organization=new,
                    year=w.split_off.year, counts=counts, note=w.split_off.note)
    return 1


def build_cipoml_lineage(seeds: Seeds) -> tuple[int, int, int]:
    """(objects created, splits found, founding years added) from 004's directory."""
    lineage = cipoml_lineage(seeds.cipoml)
    created = years = 0
    parties = {p.name: p for p in seeds.cipoml.parties}
    for split in lineage.splits:
        party = parties[split.party]
        org = Organization.objects.filter(name=party.name, country=party.country).first()
        if org is None:
            continue
        if org.founded_year is None and split.year is not None:
            do_update_organization(acting_user=None, org=org,
                                   data={"founded_year": split.year})
            years += 1
        other = Organization.objects.filter(name=split.other).first()
        events = LineageEvent.objects.filter(organization=org, kind=LineageEvent.Kind.SPLIT_FROM)
        if not events.filter(other_name=split.other).exists() and not (
                other is not None and events.filter(other=other).exists()):
            do_add_lineage_event(acting_user=None, organization=org, data={
                "kind": LineageEvent.Kind.SPLIT_FROM, "other": other,
                "other_name": "" if other else split.other, "year": split.year,
                "note": "From the CIPOML directory."})
            created += 1
    return created + years, len(lineage.splits), years


def build_alliances(units: Mapping[str, Unit], seeds: Seeds,
                    allies: Mapping[int, Sequence[Organization]], seeds_dir: Path,
                    say: Callable[[str], object]) -> int:
    created = build_rmp_circles(units["rmp_cc"], seeds, allies, seeds_dir)
    created += build_wpi_split(units, seeds)
    made, splits, years = build_cipoml_lineage(seeds)
    say(f"Alliances: RMP's {len(seeds.rmp.circles)} circles of allies, WPI's "
        f"{seeds.wpi.split_off.year} split, {splits} CIPOML splits as lineage events "
        f"({years} founding years added).")
    return created + made
