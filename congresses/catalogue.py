"""An organization's list of class positions, with the default that follows 004.

The default labels are marked for translation and stored in the language of whoever opens
the list first: from then on they are the organization's own data, which its top
secretaries may rename, reorder or retire (like fieldwork's assessment scale)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from audit.log import record
from congresses.models import ClassPosition
from organizations.models import Organization

DEFAULT_POSITIONS = (
    gettext_noop("Industrial worker"),
    gettext_noop("Other wage worker"),
    gettext_noop("Agricultural worker"),
    gettext_noop("Semi-proletarian"),
    gettext_noop("Unemployed"),
    gettext_noop("Poor peasant"),
    gettext_noop("Office or technical employee"),
    gettext_noop("Civil servant"),
    gettext_noop("Intellectual"),
    gettext_noop("Student"),
    gettext_noop("Small trader"),
    gettext_noop("Other"),
)


@transaction.atomic
def ensure_default_positions(organization: Organization, *,
                             acting_user=None) -> list[ClassPosition]:
    """The organization's list; the default one is created when it has none yet (an edited
    list is returned unchanged)."""
    existing = list(ClassPosition.objects.filter(organization=organization))
    if existing:
        return existing
    created = []
    for n, label in enumerate(DEFAULT_POSITIONS, start=1):
        entry = ClassPosition(organization=organization, label=gettext(label), position=n)
        entry.full_clean()
        entry.save()
        record(actor=acting_user, action="create", obj=entry)
        created.append(entry)
    return created


def positions_for(organization: Organization) -> list[ClassPosition]:
    """The list in display order, retired entries included (old identities may name them)."""
    ensure_default_positions(organization)
    return list(ClassPosition.objects.filter(organization=organization)
                .order_by("position", "label"))
