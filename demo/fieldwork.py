"""Work among the masses in the demo: the cells' fields with fictional contacts, assessments,
a daily log of the last three months, the workers' pulse and a structure test, so that every
fieldwork page (wall chart, continuity, pulse, dashboards) has something to show.

Everything goes through the fieldwork actions, like a user's work would. Dates count back
from the day the demo is loaded. The step runs once: when the mill already exists it leaves
everything as it is (loading the demo twice changes nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.utils import timezone

from fieldwork.actions import (
    do_assess,
    do_create_activity,
    do_create_contact,
    do_create_field,
    do_create_field_part,
    do_create_mass_organization,
    do_create_structure_test,
    do_create_struggle,
    do_create_tie,
    do_raise_demand,
    do_record_mood,
    do_record_participation,
    do_set_field_priority,
    do_set_union_presence,
    ensure_default_demands,
    ensure_default_scale,
)
from fieldwork.models import Activity, Demand, Field, MassOrganization, Struggle
from organizations.models import Unit
from people.models import Identity, Person

MILL = "Sanandaj textile mill"
NEIGHBOURHOOD = "Mahabad, eastern neighbourhood"
COLOGNE_FIELD = "Cologne-Kalk, refugee housing"

# Mill contacts: (alias, part, job, leader, current assessment 1-5 or None).
MILL_CONTACTS: tuple[tuple[str, str, str, bool, int | None], ...] = (
    ("Mill-Parvin", "Weaving", "weaver", True, 1),
    ("Mill-Kamal", "Weaving", "loom fixer", False, 2),
    ("Mill-Nasim", "Weaving", "weaver", False, 3),
    ("Mill-Jamal", "Spinning", "spinner", True, 2),
    ("Mill-Sahar", "Spinning", "spinner", False, 4),
    ("Mill-Rebin", "Dyeing and finishing", "dyer", False, 3),
    ("Mill-Zhila", "Dyeing and finishing", "quality inspector", False, None),
    ("Mill-Aram", "Spinning", "foreman", False, 5),
)
NEIGHBOURHOOD_CONTACTS = ("Nbh-Dilan", "Nbh-Hemin", "Nbh-Shilan")
# Contacts' fictional identities are numbered after the cast's (demo.builder.CAST has 15).
FIRST_NUMBER = 100


def fictional_identity(number: int) -> Identity:
    """The demo's made-up identity number ``number`` (members and contacts alike)."""
    return Identity(legal_name=f"Fictional Person {number} Qxz",
                    phone=f"+98 900 000 {number:04d}",
                    email=f"fictional.person{number}@example.org",
                    address=f"{number} Fictional Street, Nowhere",
                    notes="Demo data: not a real person.")


def build_fieldwork(units: dict[str, Unit], people: dict[str, Person],
                    say: Callable[[str], None], today: date | None = None) -> int:
    """Create the demo's fieldwork; returns how many records it created (0 when present)."""
    sanandaj = units["sanandaj"]
    if Field.objects.filter(unit=sanandaj, name=MILL).exists():
        return 0
    today = today or timezone.localdate()

    def ago(days: int) -> date:
        return today - timedelta(days=days)

    org = sanandaj.organization
    ensure_default_scale(org)
    demands = {d.kind: d for d in ensure_default_demands(org)}
    count = 0

    # --- the mill: parts, a union, contacts, ties, assessments ---
    mill = do_create_field(acting_user=None, unit=sanandaj, data={
        "name": MILL, "kind": Field.Kind.WORKPLACE, "employer": "Kurdistan Textile Co.",
        "sector": "textile", "sub_sector": "spinning and weaving", "headcount": 120,
        "address": "Industrial zone, Sanandaj"})
    do_set_field_priority(acting_user=None, field=mill, priority=3)
    parts = {name: do_create_field_part(acting_user=None, field=mill, data={
        "name": name, "kind": kind, "headcount": headcount})
        for name, kind, headcount in (("Spinning", "department", 45),
                                      ("Weaving", "department", 50),
                                      ("Dyeing and finishing", "department", 25))}
    syndicate = do_create_mass_organization(acting_user=None, organization=org, data={
        "name": "Textile workers' syndicate", "kind": MassOrganization.Kind.TRADE_UNION,
        "orientation": MassOrganization.Orientation.CLASS})
    do_set_union_presence(acting_user=None, field=mill, mass_organization=syndicate,
                          members_approx=18)
    count += 6
    contacts = {}
    for number, (alias, part, job, leader, level) in enumerate(MILL_CONTACTS, FIRST_NUMBER):
        contacts[alias] = do_create_contact(
            acting_user=None, field=mill, alias=alias, identity=fictional_identity(number),
            profile={"part": parts[part], "job": job, "leader": leader,
                     "union": syndicate if leader else None}).person
        if level is not None:
            # A first impression a month and a half ago, then the current one.
            do_assess(acting_user=None, person=contacts[alias], level_value=min(level + 1, 5),
                      assessed_on=ago(45))
            do_assess(acting_user=None, person=contacts[alias], level_value=level,
                      assessed_on=ago(10))
            count += 2
        count += 2
    members = [people[a] for a in ("Cell-Sara", "Cell-Hiwa", "Cell-Leyla", "Cell-Azad")]
    for member, contact in ((members[0], "Mill-Parvin"), (members[1], "Mill-Jamal"),
                            (members[2], "Mill-Nasim")):
        do_create_tie(acting_user=None, from_person=member, to_person=contacts[contact],
                      kind="in_touch")
    do_create_tie(acting_user=None, from_person=contacts["Mill-Parvin"],
                  to_person=contacts["Mill-Kamal"], kind="works_beside")
    count += 4

    # --- the daily log: continuous work with one interruption (days 38-55 ago) ---
    talks = list(contacts.values())
    for i, days in enumerate(d for d in range(88, -1, -3) if not 38 <= d <= 55):
        do_create_activity(
            acting_user=None, unit=sanandaj,
            data={"kind": Activity.Kind.ONE_TO_ONE, "date": ago(days), "field": mill,
                  "outcome": "talked about the wage arrears",
                  # The newest talks leave a follow-up; one of them is overdue.
                  "follow_up_on": ago(days - 4) if days in (7, 4) else None},
            members=[members[i % 4]], contacts=[talks[i % len(talks)]],
            notes="Demo data: fictional conversation.")
        count += 1
    for days in (84, 70, 28, 14, 0):
        do_create_activity(acting_user=None, unit=sanandaj, data={
            "kind": Activity.Kind.DISTRIBUTION, "date": ago(days), "field": mill,
            "quantity": 60, "outcome": "leaflet on the wage arrears at the gate"},
            members=members[:2])
        count += 1
    do_create_activity(acting_user=None, unit=sanandaj, data={
        "kind": Activity.Kind.EDUCATION_SESSION, "date": ago(20), "field": mill,
        "outcome": "reading group on the daily work among the masses"},
        members=members, contacts=[contacts["Mill-Parvin"], contacts["Mill-Jamal"]])
    count += 1

    # --- pulse: mood, demands, a strike; a structure test ---
    for days, value in ((150, 4), (120, 4), (90, 3), (60, 2), (40, 1), (20, 2), (5, 2)):
        do_record_mood(acting_user=None, field=mill, data={"taken_on": ago(days),
                                                           "value": value})
        count += 1
    for kind, days in ((Demand.Kind.WAGES, 100), (Demand.Kind.WAGES, 62),
                       (Demand.Kind.WAGES, 41), (Demand.Kind.SAFETY, 33),
                       (Demand.Kind.DISMISSALS, 12)):
        do_raise_demand(acting_user=None, field=mill, demand=demands[kind], raised_on=ago(days))
        count += 1
    do_create_struggle(acting_user=None, field=mill, demands=[demands[Demand.Kind.WAGES]], data={
        "kind": Struggle.Kind.STRIKE, "started_on": ago(42), "ended_on": ago(40),
        "participants": 85, "involvement": Struggle.Involvement.PARTICIPATION,
        "outcome": "Two months of wage arrears paid; the rest promised."})
    petition = do_create_structure_test(acting_user=None, field=mill, data={
        "kind": "petition", "title": "Petition for the rest of the arrears",
        "held_on": ago(8)})
    signed = ("Mill-Parvin", "Mill-Kamal", "Mill-Nasim", "Mill-Jamal", "Mill-Rebin")
    do_record_participation(acting_user=None, test=petition,
                            persons=[contacts[a] for a in signed])
    count += 2 + len(signed)

    # --- the neighbourhood: worked until a month ago (it shows as stopped) ---
    mahabad = units["mahabad"]
    neighbourhood = do_create_field(acting_user=None, unit=mahabad, data={
        "name": NEIGHBOURHOOD, "kind": Field.Kind.LOCALITY, "headcount": 900,
        "address": "Mahabad"})
    helpers = [people[a] for a in ("Cell-Rojin", "Cell-Soran", "Cell-Bahar")]
    residents = [do_create_contact(acting_user=None, field=neighbourhood, alias=alias,
                                   identity=fictional_identity(number), profile={"job": "resident"}
                                   ).person
                 for number, alias in enumerate(NEIGHBOURHOOD_CONTACTS,
                                                FIRST_NUMBER + len(MILL_CONTACTS))]
    count += 1 + 2 * len(residents)
    for i, days in enumerate((75, 66, 58, 47, 39, 31)):
        do_create_activity(acting_user=None, unit=mahabad, data={
            "kind": Activity.Kind.HOME_VISIT, "date": ago(days), "field": neighbourhood,
            "outcome": "rents and the water cuts"},
            members=[helpers[i % 3]], contacts=[residents[i % 3]])
        count += 1

    # --- Cologne: a field mapped, no work yet ---
    do_create_field(acting_user=None, unit=units["cologne"], data={
        "name": COLOGNE_FIELD, "kind": Field.Kind.LOCALITY, "headcount": 300,
        "address": "Kalk, Cologne"})
    count += 1
    say(f"Fieldwork: 3 fields, {len(contacts) + len(residents)} fictional contacts, "
        f"{Activity.objects.filter(unit__organization=org).count()} activities.")
    return count
