"""The demo: coalitions, organizations, one party in full, fictional cells and demo logins.

Public facts come from the seed texts (demo.seeds); the people are fictional. Every write goes
through the do_* actions, in one transaction. Each step first looks its object up by a natural
key (name, alias, username ...) and creates it only when missing, so loading the demo again
changes nothing and writes no audit row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from access.actions import do_add_office_user, do_grant_role
from access.models import CoalitionOffice, Role
from accounts.models import User
from demo.agitprop import build_agitprop
from demo.alliances import build_alliances
from demo.campaigns import build_campaigns
from demo.coalitions import build_coalitions
from demo.congresses import build_congresses
from demo.deployment import build_deployment
from demo.elections import build_elections
from demo.fieldwork import build_fieldwork, fictional_identity
from demo.memberreports import build_member_reports
from demo.organs import build_organs
from demo.publications import (
    ANTERNASIONAL,
    ISKRAA,
    build_fictional_issues,
    build_issue_in_preparation,
    build_periodical,
)
from demo.reviews import build_review
from demo.seed_text import OrgRef, PublicationSeed, country_in
from demo.seeds import CipomlParty, Seeds, Signatory, load_seeds
from organizations.actions import (
    do_add_affiliate,
    do_add_lineage_event,
    do_add_public_office,
    do_add_sister_link,
    do_create_coalition,
    do_create_organization,
    do_create_unit,
    do_register_member_organization,
    do_set_membership,
)
from organizations.models import (
    Coalition,
    CoalitionMembership,
    LineageEvent,
    Organization,
    PublicOffice,
    SisterLink,
    Unit,
)
from people.actions import do_create_person
from people.models import Person
from publications.models import Periodical

if TYPE_CHECKING:
    # Only .write is used; a command's OutputWrapper is not an IO[str].
    from _typeshed import SupportsWrite

# Published in docs/demo.md on purpose: the demo logins are for trying Nucleus out.
DEMO_PASSWORD = "nucleus-demo-2026"  # noqa: S105
# The seed text only says "ICOR"; this is the coalition's own name for itself.
ICOR_NAME = "International Coordination of Revolutionary Parties and Organizations"

# The fictional cast: (unit key, alias, login or None). Aliases are unique in the whole demo.
CAST: tuple[tuple[str, str, str | None], ...] = (
    ("cc", "CC-Dara", "cc"),
    ("cc", "CC-Omid", None),
    ("cc", "CC-Nasrin", None),
    ("kurdistan", "KC-Shirin", "kurdistan"),
    ("kurdistan", "KC-Kawa", None),
    ("sanandaj", "Cell-Sara", "secretary"),
    ("sanandaj", "Cell-Hiwa", "member"),
    ("sanandaj", "Cell-Leyla", None),
    ("sanandaj", "Cell-Azad", None),
    ("mahabad", "Cell-Rojin", "neighbour"),
    ("mahabad", "Cell-Soran", None),
    ("mahabad", "Cell-Bahar", None),
    ("cologne", "Cell-Mina", None),
    ("cologne", "Cell-Farhad", None),
    ("cologne", "Cell-Golnar", None),
    # The Russian Maoist Party's leading organ: its resolutions and circles of allies (002).
    ("rmp_cc", "RMP-Lev", "rmp"),
    ("rmp_cc", "RMP-Vera", None),
    ("rmp_cc", "RMP-Pyotr", None),
)
# Logins with a role: (username, unit key, role kind, oversight, identity access).
ROLES: tuple[tuple[str, str, str, bool, bool], ...] = (
    ("secretary", "sanandaj", Role.Kind.SECRETARY, False, True),
    ("member", "sanandaj", Role.Kind.MEMBER, False, False),
    ("neighbour", "mahabad", Role.Kind.SECRETARY, False, True),
    ("kurdistan", "kurdistan", Role.Kind.MEMBER, True, False),
    ("cc", "cc", Role.Kind.MEMBER, False, False),
    ("rmp", "rmp_cc", Role.Kind.SECRETARY, False, False),
)
OFFICE_LOGIN = "icor"
LOGINS = (*(r[0] for r in ROLES), OFFICE_LOGIN)

SANANDAJ_CELL = "Cell – Sanandaj textile mill"
MAHABAD_CELL = "Cell – Mahabad neighbourhood"
COLOGNE_CELL = "Cell – Cologne"


@dataclass
class Summary:
    coalitions: int
    organizations: int
    units: int
    people: int
    logins: tuple[str, ...]
    created: int  # objects this run created; 0 when the demo was already complete

    def lines(self) -> list[str]:
        state = (f"{self.created} objects created" if self.created
                 else "already loaded, nothing changed")
        return [f"Demo data ({state}):",
                f"  coalitions:    {self.coalitions}",
                f"  organizations: {self.organizations}",
                f"  units:         {self.units}",
                f"  people:        {self.people} (fictional)",
                f"  logins:        {', '.join(self.logins)} (password: {DEMO_PASSWORD})"]


def _complete_sentences(summary: str) -> str:
    """A listing's teaser without its cut-off last sentence ("... in...", "Web site")."""
    text = re.sub(r"\s*Web site$", "", summary).strip()
    if not text.endswith("..."):
        return text
    head = re.match(r"(.*[a-z0-9)]\.)\s", text)
    return head.group(1) if head else text.removesuffix("...") + "…"


@dataclass
class _Builder:
    out: SupportsWrite[str] | None = None
    created: int = 0
    coalitions: set[int] = field(default_factory=set)
    organizations: set[int] = field(default_factory=set)
    units: dict[str, Unit] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)

    def say(self, message: str) -> None:
        if self.out is not None:
            self.out.write(message + "\n")

    # --- coalitions and organizations ---

    def coalition(self, *, name: str, acronym: str, kind: str, founded_year: int | None = None,
                  description: str = "") -> Coalition:
        found = Coalition.objects.filter(name=name).first()
        if found is None:
            found = do_create_coalition(acting_user=None, data={
                "name": name, "acronym": acronym, "kind": kind, "founded_year": founded_year,
                "description": description})
            self.created += 1
        self.coalitions.add(found.pk)
        return found

    @staticmethod
    def find(name: str, acronym: str = "", country: str = "") -> Organization | None:
        """The same organization named in another text: same name (country not contradicting)
        or same acronym in the same country (the PCT of Togo is not the PCT of the Dominican
        Republic)."""
        for org in Organization.objects.filter(name__iexact=name).order_by("pk"):
            if not country or not org.country or org.country == country:
                return org
        if acronym and country:
            return (Organization.objects.filter(acronym__iexact=acronym, country=country)
                    .order_by("pk").first())
        return None

    def member(self, coalition: Coalition, data: dict, membership: dict,
               tags: tuple[str, ...] = ()) -> Organization:
        org = self.find(data["name"], data.get("acronym", ""), data.get("country", ""))
        if org is None:
            org = do_register_member_organization(
                acting_user=None, coalition=coalition, data=data, tags=list(tags),
                membership=membership).organization
            self.created += 1
        elif not CoalitionMembership.objects.filter(coalition=coalition,
                                                    organization=org).exists():
            do_set_membership(acting_user=None, coalition=coalition, organization=org,
                              data=membership)
            self.created += 1
        self.organizations.add(org.pk)
        return org

    def organization(self, data: dict, tags: tuple[str, ...] = ()) -> Organization:
        org = self.find(data["name"], data.get("acronym", ""), data.get("country", ""))
        if org is None:
            org = do_create_organization(acting_user=None, data=data, tags=list(tags))
            self.created += 1
        self.organizations.add(org.pk)
        return org

    def affiliate(self, parent: Organization, data: dict) -> Organization:
        org = Organization.objects.filter(parent_organization=parent, name=data["name"]).first()
        if org is None:
            org = do_add_affiliate(acting_user=None, organization=parent, data=data)
            self.created += 1
        self.organizations.add(org.pk)
        return org

    def publication(self, org: Organization, seed: PublicationSeed,
                    unit: Unit | None = None) -> None:
        """A periodical with its schedule, editions and status (demo/publications.py)."""
        _periodical, created = build_periodical(org, seed, unit)
        self.created += created

    def lineage(self, org: Organization, *, kind: str, other: Organization | None = None,
                other_name: str = "", year: int | None = None, note: str = "") -> None:
        events = LineageEvent.objects.filter(organization=org, kind=kind)
        if other is not None:
            events = events.filter(other=other)
        else:
            events = events.filter(other_name=other_name)
        if not events.exists():
            do_add_lineage_event(acting_user=None, organization=org, data={
                "kind": kind, "other": other, "other_name": other_name, "year": year,
                "note": note})
            self.created += 1

    def public_office(self, org: Organization, title: str, holder: str) -> None:
        if not PublicOffice.objects.filter(organization=org, title=title,
                                           holder=holder).exists():
            do_add_public_office(acting_user=None, organization=org,
                                 data={"title": title, "holder": holder})
            self.created += 1

    def sister(self, org: Organization, sister: Organization, note: str) -> None:
        if not SisterLink.objects.filter(organization=org, sister=sister).exists():
            do_add_sister_link(acting_user=None, organization=org,
                               data={"sister": sister, "note": note})
            self.created += 1

    # --- units, people, logins ---

    def unit(self, key: str, org: Organization, parent: str | None, name: str, kind: str,
             field_kind: str = "", country: str = "") -> Unit:
        parent_unit = self.units[parent] if parent else None
        found = Unit.objects.filter(organization=org, parent=parent_unit, name=name).first()
        if found is None:
            found = do_create_unit(acting_user=None, organization=org, parent=parent_unit,
                                   data={"name": name, "kind": kind, "field_kind": field_kind,
                                         "country": country})
            self.created += 1
        self.units[key] = found
        return found

    def person(self, unit_key: str, alias: str, number: int) -> Person:
        unit = self.units[unit_key]
        found = Person.objects.filter(unit=unit, alias=alias).first()
        if found is None:
            joined = date(2019 + number % 5, 1 + number % 12, 1 + number)
            found = do_create_person(
                acting_user=None, unit=unit,
                data={"alias": alias, "kind": Person.Kind.MEMBER,
                      "status": Person.Status.MEMBER, "status_since": joined,
                      "joined_on": joined},
                identity=fictional_identity(number))
            self.created += 1
        self.people[alias] = found
        return found

    def login(self, username: str, person: Person | None = None) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            # Users have no action of their own; set_password hashes with argon2 (settings).
            user = User(username=username, person=person)
            user.set_password(DEMO_PASSWORD)
            user.save()
            self.created += 1
        return user

    def role(self, user: User, unit: Unit, kind: str, oversight: bool, identity: bool) -> None:
        if not Role.objects.active().filter(user=user, unit=unit).exists():
            do_grant_role(acting_user=None, user=user, unit=unit, kind=kind,
                          oversight=oversight, identity_access=identity)
            self.created += 1

    def office(self, user: User, coalition: Coalition) -> None:
        if not CoalitionOffice.objects.filter(user=user, coalition=coalition).exists():
            do_add_office_user(acting_user=None, coalition=coalition, user=user)
            self.created += 1


# --- the steps ----------------------------------------------------------------------------

def _signatory_data(signatory: Signatory) -> dict:
    return {"name": signatory.name, "acronym": signatory.acronym,
            "native_name": signatory.original_name if signatory.english_name else "",
            "country": signatory.country or country_in(signatory.name)}


def _build_icor(b: _Builder, seeds: Seeds) -> Coalition:
    res = seeds.icor
    icor = b.coalition(
        name=ICOR_NAME, acronym="ICOR", kind=Coalition.Kind.INTERNATIONAL,
        description=(f"Resolution “{res.title}”: the call reached {res.approvals} approvals "
                     f"and the campaign started on {res.starts_on.day} {res.starts_on:%B %Y}."))
    signed = f"Signed the ICOR resolution “{res.title}”."
    as_of = f"{res.as_of.day} {res.as_of:%B %Y}"
    for signatory in res.signatories:
        b.member(icor, _signatory_data(signatory),
                 {"status": CoalitionMembership.Status.SIGNATORY, "joined_on": res.as_of,
                  "note": signed})
    for signatory in res.later_signatories:
        b.member(icor, _signatory_data(signatory),
                 {"status": CoalitionMembership.Status.SIGNATORY,
                  "note": f"Subsequent signatory (after {as_of}) of the ICOR resolution "
                          f"“{res.title}”."})
    b.say(f"ICOR: {len(res.signatories)} signatories and "
          f"{len(res.later_signatories)} later signatory.")
    return icor


def _party_data(party: CipomlParty) -> dict:
    return {"name": party.name, "acronym": party.acronym, "country": party.country,
            "founded_year": party.founded_year,
            "description": _complete_sentences(party.summary)}


def _build_cipoml(b: _Builder, seeds: Seeds) -> Coalition:
    cipoml = seeds.cipoml
    coalition = b.coalition(
        name=cipoml.name, acronym=cipoml.acronym, kind=Coalition.Kind.CONFERENCE,
        founded_year=cipoml.founded_year,
        description=f"Document: “{cipoml.document_title}”.")
    for party in cipoml.parties:
        b.member(coalition, _party_data(party), {"status": CoalitionMembership.Status.MEMBER})
    b.say(f"CIPOML: {len(cipoml.parties)} member parties.")
    return coalition


def _build_rim(b: _Builder, seeds: Seeds) -> Coalition:
    cpi = seeds.cpi_mlm
    rim = b.coalition(name=cpi.movement.name, acronym=cpi.movement.acronym,
                      kind=Coalition.Kind.MOVEMENT)
    member = {"status": CoalitionMembership.Status.MEMBER}
    party = b.member(rim, {
        "name": cpi.name, "acronym": cpi.acronym, "country": cpi.country,
        "founded_year": cpi.founded_year, "website": cpi.website,
        "status": Organization.Status.BANNED if cpi.banned else Organization.Status.ACTIVE,
        "description": cpi.description}, member, tags=cpi.ideology)
    for seed in cpi.publications:
        b.publication(party, seed)
    b.lineage(party, kind=LineageEvent.Kind.RENAMED, other_name=cpi.continuation_of,
              year=cpi.founded_year, note=cpi.continuation_note)
    for partner in cpi.movement_partners:
        b.member(rim, {"name": partner.name, "acronym": partner.acronym,
                       "country": partner.country}, member)
    b.say(f"RIM: {cpi.acronym} and {len(cpi.movement_partners)} other member.")
    return rim


def _build_rmp_allies(b: _Builder, seeds: Seeds) -> dict[int, list[Organization]]:
    """The RMP, its organ and the organizations its circles name (002); the circles
    themselves are the organ's records, built by demo/alliances.py."""
    rmp = seeds.rmp
    author = b.organization({"name": rmp.author.name, "acronym": rmp.author.acronym,
                             "country": rmp.author.country})
    allies = {circle.number: [b.organization(_ref_data(ref)) for ref in circle.organizations]
              for circle in rmp.circles}
    # Its own organ, so that its resolutions and circles have somewhere to hang.
    b.unit("rmp_cc", author, None, "RMP Central Committee", Unit.Kind.CENTRAL_COMMITTEE,
           country=author.country)
    b.say(f"RMP: {sum(len(c.organizations) for c in rmp.circles)} allies in 3 circles.")
    return allies


def _ref_data(ref: OrgRef) -> dict:
    return {"name": ref.name, "acronym": ref.acronym, "native_name": ref.native_name,
            "country": ref.country, "founded_year": ref.founded_year}


def _build_wpi(b: _Builder, seeds: Seeds) -> Organization:
    w = seeds.wpi
    wpi = b.organization({
        "name": w.name, "acronym": w.acronym, "native_name": w.native_name,
        "native_language": w.native_language, "country": w.country,
        "founded_year": w.founded_year,
        "status": Organization.Status.BANNED if w.banned else Organization.Status.ACTIVE,
        "description": w.description}, tags=w.ideology)
    b.public_office(wpi, "Chairperson", w.chairperson)
    b.public_office(wpi, "Founder", w.founder)

    for affiliate in w.affiliates:
        org = b.affiliate(wpi, {
            "name": affiliate.english_name or affiliate.name,
            "native_name": affiliate.name if affiliate.english_name else "",
            "acronym": affiliate.acronym, "affiliation": affiliate.affiliation,
            "founded_year": affiliate.founded_year, "description": affiliate.description})
        for seed in affiliate.publications:
            b.publication(org, seed)

    sister = b.organization(_ref_data(w.sister))
    b.sister(wpi, sister, w.sister.note)
    parent_party = b.organization({"name": w.split_from.other, "country": w.country})
    b.lineage(wpi, kind=LineageEvent.Kind.SPLIT_FROM, other=parent_party,
              year=w.split_from.year, note=w.split_from.note)
    hekmatist = b.organization({"name": w.split_off.other, "country": w.country,
                                "founded_year": w.split_off.year})
    b.lineage(wpi, kind=LineageEvent.Kind.SPLIT_OFF, other=hekmatist, year=w.split_off.year,
              note=w.split_off.note)
    b.lineage(hekmatist, kind=LineageEvent.Kind.SPLIT_FROM, other=wpi, year=w.split_off.year,
              note=w.split_off.note)

    b.unit("congress", wpi, None, "Congress", Unit.Kind.CONGRESS)
    b.unit("cc", wpi, "congress", "Central Committee", Unit.Kind.CENTRAL_COMMITTEE)
    b.unit("pb", wpi, "cc", "Political Bureau", Unit.Kind.POLITICAL_BUREAU)
    b.unit("kurdistan", wpi, "cc", "Kurdistan Committee", Unit.Kind.COMMITTEE,
           country=w.country)
    for country in w.countries:
        name = country_in(country) or country
        b.unit(f"country:{name}", wpi, "cc", f"Country organization – {name}",
               Unit.Kind.COUNTRY_ORGANIZATION, country=name)
    b.unit("sanandaj", wpi, "kurdistan", SANANDAJ_CELL, Unit.Kind.CELL,
           Unit.FieldKind.WORKPLACE, country=w.country)
    b.unit("mahabad", wpi, "kurdistan", MAHABAD_CELL, Unit.Kind.CELL,
           Unit.FieldKind.LOCALITY, country=w.country)
    b.units["germany"] = b.units["country:Germany"]
    b.unit("cologne", wpi, "germany", COLOGNE_CELL, Unit.Kind.CELL, Unit.FieldKind.LOCALITY,
           country="Germany")
    # After the units: Iskraa is published by the Kurdistan Committee.
    units_by_name = {u.name: u for u in b.units.values()}
    for seed in w.publications:
        b.publication(wpi, seed, units_by_name.get(seed.publisher))
    b.say(f"WPI: {len({u.pk for u in b.units.values()})} units, "
          f"{len(w.affiliates)} affiliated organizations, "
          f"{len(w.publications)} publications.")
    return wpi


def _build_people_and_logins(b: _Builder, icor: Coalition) -> tuple[str, ...]:
    logins = {}
    for number, (unit_key, alias, login) in enumerate(CAST, start=1):
        person = b.person(unit_key, alias, number)
        if login:
            logins[login] = person
    for username, unit_key, kind, oversight, identity in ROLES:
        user = b.login(username, logins.get(username))
        b.role(user, b.units[unit_key], kind, oversight, identity)
    b.office(b.login(OFFICE_LOGIN), icor)
    b.say(f"People: {len(b.people)} fictional; logins: {', '.join(LOGINS)}.")
    return LOGINS


@transaction.atomic
def build_demo(stdout: SupportsWrite[str] | None = None,
               seeds: Seeds | None = None) -> Summary:
    """Build (or find complete) the demo; see docs/demo.md for what each login sees."""
    seeds = seeds or load_seeds(settings.NUCLEUS_SEEDS_DIR)
    b = _Builder(out=stdout)
    icor = _build_icor(b, seeds)
    _build_cipoml(b, seeds)
    _build_rim(b, seeds)
    rmp_allies = _build_rmp_allies(b, seeds)
    _build_wpi(b, seeds)
    logins = _build_people_and_logins(b, icor)
    b.created += build_fieldwork(b.units, b.people, b.say)
    b.created += build_deployment(b.units, b.people, b.say)
    anternasional = Periodical.objects.get(organization__name=seeds.wpi.name,
                                           title=ANTERNASIONAL)
    b.created += build_fictional_issues(anternasional, timezone.localdate(), b.say)
    b.created += build_issue_in_preparation(
        Periodical.objects.get(organization__name=seeds.wpi.name, title=ISKRAA),
        timezone.localdate(), b.say)
    b.created += build_review(b.units, b.people, b.say)
    b.created += build_agitprop(b.units, b.people, anternasional, timezone.localdate(),
                                b.say)
    b.created += build_organs(b.units, b.people, settings.NUCLEUS_SEEDS_DIR, b.say)
    b.created += build_alliances(b.units, seeds, rmp_allies, settings.NUCLEUS_SEEDS_DIR, b.say)
    b.created += build_congresses(b.units, b.people, b.say)
    b.created += build_elections(b.units, b.people, b.say)
    b.created += build_coalitions(seeds, settings.NUCLEUS_SEEDS_DIR, timezone.localdate(), b.say)
    b.created += build_campaigns(icor, seeds.icor, b.say)
    b.created += build_member_reports(icor, b.say)
    return Summary(coalitions=len(b.coalitions), organizations=len(b.organizations),
                   units=len({u.pk for u in b.units.values()}), people=len(b.people),
                   logins=logins, created=b.created)
