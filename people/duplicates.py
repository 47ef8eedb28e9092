"""Saying so before a person is entered twice: the phone or email of a new person (the
fieldwork new-contact form, the people form) already on file for someone.

Finding who has a phone confirms an identity, so the check follows the lookup's rule
(docs/architecture.md, "Access model"): it runs only where the user may reveal identities in
the organization, searches only the people whose identity they may reveal (a subset of those
they may see: nobody of a sibling cell is ever named, and the notice's absence tells nothing
there either) and is audited like a lookup (``people.lookup.do_lookup_by_contact``: a reveal
row per match, one on the organization when nothing matched). Without the right there is no
check: the person is added, to be merged later by someone who may see both.

The notice offers to open the person on file, to save and then merge the new record into it
(the merge page, ``people.merge``; only when the two could be merged: same unit and kind,
both deletable by the user), or to save anyway. "Save anyway" holds for the people it was
shown: a phone changed since, matching someone else, stops the form again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from access.helpers import can
from organizations.models import Organization, Unit
from organizations.regions import unit_region
from people.lookup import do_lookup_by_contact
from people.models import Identity, Person

#: The hidden input naming the people a notice was shown for, and the buttons' name.
SHOWN_FIELD = "duplicates_shown"
CHOICE_FIELD = "duplicate"
SAVE_ANYWAY = "save"
MERGE_PREFIX = "merge:"


@dataclass
class Duplicate:
    person: Person
    by: list[str]  # "phone", "email"
    mergeable: bool = False

    @property
    def message(self) -> str:
        alias = {"alias": self.person.alias}
        if self.by == ["phone"]:
            return _("This phone is already on file for %(alias)s.") % alias
        if self.by == ["email"]:
            return _("This email is already on file for %(alias)s.") % alias
        return _("This phone and email are already on file for %(alias)s.") % alias


def may_look_up(user: Any, organization: Organization) -> bool:
    """Where the lookup page exists: the user may reveal some identity in the organization."""
    return Organization.objects.restrict(user, "reveal").filter(pk=organization.pk).exists()


def find_duplicates(*, acting_user: Any, unit: Unit, kind: str,
                    identity: Identity | None) -> list[Duplicate]:
    """The people already on file with the phone or email of a person about to be added to
    ``unit`` (the phone read in the unit's region); audited. Empty without the right."""
    if identity is None or not (identity.phone or identity.email):
        return []
    organization = unit.organization
    if not may_look_up(acting_user, organization):
        return []
    found: dict[int, Duplicate] = {}
    for by, value in (("phone", identity.phone), ("email", identity.email)):
        if not value:
            continue
        for person in do_lookup_by_contact(acting_user=acting_user, organization=organization,
                                           region=unit_region(unit), **{by: value}):
            found.setdefault(person.pk, Duplicate(person, [])).by.append(by)
    may_delete_here = Unit.objects.holding_records(acting_user, "delete").filter(
        pk=unit.pk).exists()
    for duplicate in found.values():
        person = duplicate.person
        duplicate.mergeable = (may_delete_here and person.unit_id == unit.pk
                               and person.kind == kind
                               and can(acting_user, Person, person, "delete"))
    return sorted(found.values(), key=lambda d: d.person.alias)


class DuplicateCheck:
    """One new-person form's check: ``stops(identity)`` before saving, ``next_url(person)``
    after. The view renders ``people/_duplicates.html`` inside its form with ``check``."""

    def __init__(self, request: HttpRequest, *, unit: Unit, kind: str):
        self.request, self.unit, self.kind = request, unit, kind
        self.duplicates: list[Duplicate] = []

    def _acknowledged(self) -> set[str]:
        if self.request.POST.get(CHOICE_FIELD, "") == "":
            return set()
        return set(self.request.POST.get(SHOWN_FIELD, "").split())

    def stops(self, identity: Identity | None) -> bool:
        """Whether to show the form again with the notice instead of saving: someone is on
        file with this phone or email and the user has not chosen, for exactly them, to save
        anyway or to merge."""
        if self.request.method != "POST":
            return False
        self.duplicates = find_duplicates(acting_user=self.request.user, unit=self.unit,
                                          kind=self.kind, identity=identity)
        shown = {str(d.person.uid) for d in self.duplicates}
        return bool(shown - self._acknowledged())

    @property
    def shown(self) -> str:
        return " ".join(str(d.person.uid) for d in self.duplicates)

    def next_url(self, created: Person) -> str | None:
        """After saving with "save, then merge": the merge page of the person on file with
        the new record chosen as the duplicate (the user confirms there)."""
        choice = self.request.POST.get(CHOICE_FIELD, "")
        if not choice.startswith(MERGE_PREFIX):
            return None
        target = next((d.person for d in self.duplicates if d.mergeable
                       and str(d.person.uid) == choice.removeprefix(MERGE_PREFIX)), None)
        if target is None:
            return None
        url = reverse("people:person_merge", kwargs={"uid": target.uid})
        return f"{url}?{CHOICE_FIELD}={created.uid}"
