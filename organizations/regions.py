"""The phone region of a unit: the country whose numbers its people write without a country
code (``0912 …`` in Iran), as an ISO 3166 alpha-2 code for ``vault.crypto.normalize_phone``.

A unit's ``phone_region`` when set, else the country its free-text ``country`` names when that
is unambiguous (a code, "IR", or a country's English name, "Iran"; "Kurdistan" names four
countries and decides nothing), else the same for the unit above, up to the top, and then for
the organization. The field a contact is mapped in is worked by the contact's unit, so the
field's country is its unit's.

The blind index of a phone depends on the region it was normalized with: whatever changes a
unit's region (its region or country, its organization's, a move under another unit) has the
people concerned re-indexed (``people.reindex``).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import phonenumbers
from phonenumbers import geocoder

if TYPE_CHECKING:
    from organizations.models import Organization, Unit


@cache
def region_names() -> dict[str, str]:
    """Region code → its English name (the metadata's; a few territories have none)."""
    names = {}
    for code in phonenumbers.SUPPORTED_REGIONS:
        example = phonenumbers.example_number(code)
        names[code] = (geocoder.country_name_for_number(example, "en") if example else "") \
            or code
    return names


def region_choices() -> list[tuple[str, str]]:
    """The choices of a phone region field: "Iran (+98)", by name."""
    entries = sorted(((code, f"{name} (+{phonenumbers.country_code_for_region(code)})")
                      for code, name in region_names().items()), key=lambda e: e[1])
    return [("", "—"), *entries]


@cache
def _names_to_codes() -> dict[str, str]:
    found: dict[str, set[str]] = {}
    for code, name in region_names().items():
        found.setdefault(name.casefold(), set()).add(code)
        found.setdefault(code.casefold(), set()).add(code)
    # A name shared by two regions decides nothing.
    return {key: next(iter(codes)) for key, codes in found.items() if len(codes) == 1}


def region_of_country(country: str) -> str:
    """The region a free-text country names unambiguously, else ""."""
    return _names_to_codes().get(" ".join(country.split()).casefold(), "")


def _own_region(obj: Unit | Organization) -> str:
    return obj.phone_region or region_of_country(obj.country)


def regions_by_unit(organization: Organization) -> dict[int, str]:
    """Every unit of the organization with its phone region ("" when none is known), in one
    query."""
    from organizations.models import Unit
    from people.reindex import resolve_regions

    units = Unit.objects.filter(organization=organization).only(
        "pk", "path", "parent_id", "phone_region", "country")
    return resolve_regions(units, organization, region_of_country)


def unit_region(unit: Unit) -> str:
    """The phone region of one unit (its own, the nearest unit above's, the organization's)."""
    from organizations.models import Unit

    own = _own_region(unit)
    if own:
        return own
    above = {u.pk: u for u in Unit.objects.filter(pk__in=unit.ancestor_ids())
             .only("pk", "phone_region", "country")}
    for pk in reversed(unit.ancestor_ids()):
        if pk in above and _own_region(above[pk]):
            return _own_region(above[pk])
    return _own_region(unit.organization)
