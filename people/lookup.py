"""Finding a person by phone or email: an identity read, so it needs the reveal right and
is audited like a reveal.

A match confirms that a person has this phone or email, which is as much an identity as the
number itself: with an employer's phone list and no right, an infiltrator would learn who is
organized. So the lookup only searches the people whose identity the user may reveal
(``Person.objects.restrict(user, "reveal")``), and every lookup leaves audit rows: one per
person matched, or one on the organization when nothing matched (the probe is recorded too).
The rows name what was searched by ("phone", "email"), never the value.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from audit.log import record
from organizations.models import Organization, Unit
from people.actions import find_by_contact
from people.models import Person

# Marks a reveal row written by a lookup (next to "phone" / "email").
LOOKUP_FIELD = "lookup"


def searched_by(*, phone: str, email: str) -> list[str]:
    return [LOOKUP_FIELD, *(["phone"] if phone else []), *(["email"] if email else [])]


def _probe_unit(user: Any, organization: Organization) -> int | None:
    """The topmost unit where the user holds the reveal right in the organization: the
    compartment whose log shows a lookup that matched nobody."""
    units = Unit.objects.holding_records(user, "reveal").filter(organization=organization)
    tops = units.topmost()
    return tops[0].pk if tops else None


@transaction.atomic
def do_lookup_by_contact(*, acting_user: Any, organization: Organization, phone: str = "",
                         email: str = "", region: str | None = None) -> list[Person]:
    """The people of the organization with this phone and/or email among those whose
    identity ``acting_user`` may reveal; audited. The caller has checked that the user may
    reveal somewhere in the organization (``Organization.objects.restrict(user, "reveal")``).
    ``region`` reads a phone without its country code (``people.actions.phone_indexes``)."""
    if not phone and not email:
        return []
    found = list(find_by_contact(user=acting_user, organization=organization, phone=phone,
                                 email=email, region=region).select_related("unit"))
    fields = searched_by(phone=phone, email=email)
    for person in found:
        record(actor=acting_user, action="reveal", obj=person, fields=fields)
    if not found:
        record(actor=acting_user, action="reveal", obj=organization, fields=fields,
               unit_id=_probe_unit(acting_user, organization))
    return found
