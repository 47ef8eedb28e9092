"""The named cast of users and the small world they live in.

Every alias is unique across the world so that a leak test can search any page for the
aliases a user must not see.

    Red Party (RP)                                Other Party (OP)
      Congress                                      Congress
        Central Committee                             Cell X        <- outsider (secretary)
          North Committee   <- overseer (oversight), committee_member (no oversight)
            Cell A          <- cell_secretary (identity), cell_member
            Cell B          <- sibling_secretary
          South Committee
            Cell C
    Test Coalition: members RP and Profile Org (registered by the office) <- coalition_office
"""

from __future__ import annotations

from dataclasses import dataclass, field

from access.actions import do_add_office_user, do_grant_role
from accounts.models import User
from organizations.actions import do_create_coalition, do_create_organization, do_create_unit
from organizations.models import Coalition, Organization, Unit
from people.actions import do_create_person
from people.models import Identity, Person

CAST = ("cell_secretary", "cell_member", "sibling_secretary", "overseer", "committee_member",
        "coalition_office", "outsider", "anonymous")
PASSWORD = "correct horse battery"


@dataclass
class World:
    users: dict[str, User | None]
    orgs: dict[str, Organization]
    units: dict[str, Unit]
    people: dict[str, Person]
    coalition: Coalition
    identities: dict[str, Identity] = field(default_factory=dict)

    def user(self, name: str) -> User | None:
        return self.users[name]


def _user(name: str) -> User:
    return User.objects.create_user(name, password=PASSWORD)


def build_world() -> World:
    founder = _user("founder")
    rp = do_create_organization(acting_user=founder, data={
        "name": "Red Party", "acronym": "RP", "country": "Nowhere"})
    units = {"rp_congress": rp.units.get()}

    def unit(key, parent, name, kind, field_kind="", org=rp):
        units[key] = do_create_unit(acting_user=founder, organization=org, parent=units[parent],
                                    data={"name": name, "kind": kind, "field_kind": field_kind})

    unit("rp_cc", "rp_congress", "Central Committee", "central_committee")
    unit("north", "rp_cc", "North Committee", "committee")
    unit("cell_a", "north", "Cell A", "cell", "workplace")
    unit("cell_b", "north", "Cell B", "cell", "school")
    unit("south", "rp_cc", "South Committee", "committee")
    unit("cell_c", "south", "Cell C", "cell", "locality")

    outsider = _user("outsider")
    op = do_create_organization(acting_user=outsider, data={"name": "Other Party",
                                                           "acronym": "OP"})
    units["op_congress"] = op.units.get()
    unit("cell_x", "op_congress", "Cell X", "cell", "village", org=op)

    coalition_office = _user("coalition_office")
    coalition = do_create_coalition(acting_user=coalition_office,
                                    data={"name": "Test Coalition", "acronym": "TC"})
    do_add_office_user(acting_user=None, coalition=coalition, user=coalition_office)
    from organizations.actions import do_set_membership

    do_set_membership(acting_user=coalition_office, coalition=coalition, organization=rp,
                      data={"status": "member"})
    profile = do_create_organization(acting_user=coalition_office, coalition=coalition,
                                     data={"name": "Profile Org", "acronym": "PO"})

    users: dict[str, User | None] = {"outsider": outsider, "coalition_office": coalition_office,
                                     "anonymous": None}
    for name, unit_key, kind, oversight, identity in [
        ("cell_secretary", "cell_a", "secretary", False, True),
        ("cell_member", "cell_a", "member", False, False),
        ("sibling_secretary", "cell_b", "secretary", False, True),
        ("overseer", "north", "member", True, False),
        ("committee_member", "north", "member", False, False),
    ]:
        users[name] = _user(name)
        do_grant_role(acting_user=founder, user=users[name], unit=units[unit_key], kind=kind,
                      oversight=oversight, identity_access=identity)

    people: dict[str, Person] = {}
    identities: dict[str, Identity] = {}
    for key in ["cell_a", "cell_b", "cell_c", "north", "rp_cc", "cell_x"]:
        for n in (1, 2):
            alias = f"alias-{key.replace('_', '')}-{n}"
            ident = Identity(legal_name=f"Legal {key} {n} Zyxw", phone=f"+98 912 000 {n}{n}{n}{n}",
                             email=f"{key}{n}@example.org", address=f"{n} Street of {key}")
            people[alias] = do_create_person(acting_user=founder, unit=units[key],
                                             data={"alias": alias, "status": "member"},
                                             identity=ident)
            identities[alias] = ident
    return World(users=users, orgs={"rp": rp, "op": op, "profile": profile}, units=units,
                 people=people, coalition=coalition, identities=identities)
