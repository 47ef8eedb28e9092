"""Re-deriving the phone and email blind indexes from the sealed identities.

A blind index hashes a normalized value (``vault.crypto.normalize_phone``): when the rule
changes, or the phone region a person's number is read with (``organizations.regions``), the
stored index no longer matches the spelling a lookup computes, and the person is no longer
found. This recomputes it from the identity itself (decrypted with the keyring, in memory).
Only the two index columns are written: the sealed identity is read, never rewritten, so no
step here can make it unreadable. Running it twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from vault import crypto
from vault.keyring import Keyring


def indexes_for(identity: dict[str, Any], *, salt: str, region: str,
                keyring: Keyring | None = None) -> tuple[str, str]:
    """(phone index, email index) of an unsealed identity."""
    return (crypto.blind_index(identity.get("phone", ""), scope_salt=salt, kind="phone",
                               keyring=keyring, region=region),
            crypto.blind_index(identity.get("email", ""), scope_salt=salt, kind="email",
                               keyring=keyring))


def resolve_regions(units: Iterable[Any], organization: Any,
                    of_country: Callable[[str], str]) -> dict[int, str]:
    """Unit id → phone region from rows with ``pk, parent_id, path, phone_region, country``
    (live or historical models): the unit's own, else the nearest unit above's, else the
    organization's (``organizations.regions`` says why)."""
    def own(obj: Any) -> str:
        return str(obj.phone_region or of_country(obj.country))

    fallback = own(organization)
    out: dict[int, str] = {}
    for unit in sorted(units, key=lambda u: u.path):  # a parent before its children
        inherited = out.get(unit.parent_id, fallback) if unit.parent_id else fallback
        out[unit.pk] = own(unit) or inherited
    return out


def reindex_rows(person_model: Any, unit_model: Any, organization_model: Any,
                 of_country: Callable[[str], str], keyring: Keyring | None = None,
                 organization_ids: Iterable[int] | None = None) -> int:
    """Recompute the indexes of every person (of the given organizations); return how many
    rows changed. Works on live and historical models alike (the migration uses it)."""
    orgs = organization_model.objects.all()
    if organization_ids is not None:
        orgs = orgs.filter(pk__in=list(organization_ids))
    changed = 0
    for org in orgs.order_by("pk"):
        regions = resolve_regions(unit_model.objects.filter(organization=org), org, of_country)
        people = (person_model.objects.filter(unit__organization=org).order_by("pk")
                  .only("pk", "uid", "unit_id", "identity_sealed", "phone_index",
                        "email_index"))
        for person in people.iterator(chunk_size=500):
            identity = crypto.decrypt_json(person.identity_sealed, aad=f"person:{person.uid}",
                                           keyring=keyring)
            phone, email = indexes_for(identity, salt=org.index_salt,
                                       region=regions.get(person.unit_id, ""), keyring=keyring)
            if (phone, email) != (person.phone_index, person.email_index):
                person_model.objects.filter(pk=person.pk).update(phone_index=phone,
                                                                 email_index=email)
                changed += 1
    return changed


def reindex_people(*, organization_ids: Iterable[int] | None = None,
                   keyring: Keyring | None = None) -> int:
    """The live models: every person, or those of the given organizations."""
    from organizations.models import Organization, Unit
    from organizations.regions import region_of_country
    from people.models import Person

    return reindex_rows(Person, Unit, Organization, region_of_country, keyring=keyring,
                        organization_ids=organization_ids)


@contextmanager
def regions_followed(organization: Any) -> Iterator[None]:
    """Around a write that may change the phone regions of an organization's units (a region
    or country edited, a unit moved): when any unit's region changed, its people are
    re-indexed, in the same transaction. Under the system scope: the people of the units
    below the edited one are concerned even where the editor's database wall hides them."""
    from access import dbwall
    from organizations.regions import regions_by_unit

    with dbwall.system_scope():
        before = regions_by_unit(organization)
    yield
    with dbwall.system_scope():
        if regions_by_unit(organization) != before:
            reindex_people(organization_ids=[organization.pk])
