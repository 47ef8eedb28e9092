"""Writes of the contact lists: saved lists and bulk assessment."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from access.scope import scope_for
from audit.log import record
from fieldwork.actions.common import _create, _is_user
from fieldwork.actions.contacts import do_assess
from fieldwork.models import Assessment, ContactProfile, SavedList
from organizations.models import Unit

# An assessment and a contact profile both hang on their person's unit: the rule for adding
# an assessment is then a filter on profiles too (checked here once, at import).
assert Assessment.anchor.path == ContactProfile.anchor.path == "person__unit"


def assessable(user: Any, profiles: QuerySet[ContactProfile]) -> QuerySet[ContactProfile]:
    """The profiles whose contact the user may assess: ``Assessment``'s own "add" rule (what
    ``Assessment.objects.restrict(user, "add")`` applies), read through the person both hang
    on."""
    return profiles.filter(scope_for(user).q_for(Assessment.anchor, "add"))


@transaction.atomic
def do_bulk_assess(*, acting_user, profiles: Iterable[ContactProfile], level_value: int,
                   assessed_on: date) -> int:
    """Assess every one of these contacts at one level on one day, each through
    ``do_assess`` (its own assessment and audit row), all or nothing: one contact the user
    may not assess, or a level outside a contact's scale, and nothing is written."""
    profiles = list(profiles)
    if not profiles:
        raise ValidationError(_("Choose at least one contact."))
    ids = {p.pk for p in profiles}
    if _is_user(acting_user):
        allowed = set(assessable(acting_user, ContactProfile.objects.filter(pk__in=ids))
                      .values_list("pk", flat=True))
        if allowed != ids:
            raise ValidationError(_("You may not do this for every one of these "
                                    "contacts: nothing was done."))
    for profile in profiles:
        do_assess(acting_user=acting_user, person=profile.person, level_value=level_value,
                  assessed_on=assessed_on)
    return len(profiles)


@transaction.atomic
def do_save_list(*, acting_user, unit: Unit, name: str, query: str) -> SavedList:
    if SavedList.objects.filter(unit=unit, name=name).exists():
        raise ValidationError({"name": _("This unit has a saved list of that name.")})
    return _create(acting_user, SavedList(
        unit=unit, name=name, query=query,
        created_by=acting_user if _is_user(acting_user) else None))


@transaction.atomic
def do_delete_saved_list(*, acting_user, saved: SavedList) -> None:
    record(actor=acting_user, action="delete", obj=saved)
    saved.delete()
