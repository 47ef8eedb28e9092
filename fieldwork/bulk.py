"""Bulk actions on the checked rows of a contact list: a small registry.

A ``BulkAction`` says what it is called, which of the chosen contacts a user may apply it to
(``eligible``: the access layer's answer, so a contact outside it is "not one of the
available choices" and nothing is done), the inputs it asks for on its confirmation page
(``form_class``, built with ``user``, ``unit`` and ``data``) and how it is done
(``perform``: one ``do_*`` action, all or nothing, returning the message to show).

Another app adds one (the tasks app: "assign to a member", "task") from its
``AppConfig.ready()``::

    from fieldwork.bulk import BulkAction, register
    register(BulkAction(key="assign", label=_("Assign to a member"), ...))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from fieldwork.actions.lists import assessable, do_bulk_assess
from fieldwork.forms import AssessForm
from fieldwork.models import ContactProfile
from fieldwork.queries import scale_for
from organizations.models import Unit


@dataclass(frozen=True)
class BulkAction:
    key: str
    label: str | Promise
    #: The inputs of the confirmation page: ``form_class(data, user=, unit=)``.
    form_class: Callable[..., forms.Form]
    #: The contacts among ``profiles`` the user may apply it to.
    eligible: Callable[[Any, QuerySet[ContactProfile]], QuerySet[ContactProfile]]
    #: ``perform(acting_user, profiles, cleaned_data)``: the message saying what was done.
    perform: Callable[[Any, list[ContactProfile], dict[str, Any]], str]
    #: The confirmation page's heading and button, for ``count`` contacts.
    confirm: Callable[[int], str]


ACTIONS: dict[str, BulkAction] = {}


def register(action: BulkAction) -> None:
    if action.key in ACTIONS:
        raise ValueError(f"the bulk action {action.key!r} exists already")
    ACTIONS[action.key] = action


def available(user: Any, profiles: QuerySet[ContactProfile]) -> list[BulkAction]:
    """The actions the user may apply to some of these contacts (one query each)."""
    return [a for a in ACTIONS.values() if a.eligible(user, profiles).exists()]


# --- bulk assess ---

class BulkAssessForm(AssessForm):
    """A level and a date for every chosen contact (a note is about one person: not here)."""

    def __init__(self, *args: Any, user: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, scale=scale_for(unit.organization_id), user=user, **kwargs)
        del self.fields["note"]


def _assess(acting_user: Any, profiles: list[ContactProfile], data: dict[str, Any]) -> str:
    count = do_bulk_assess(acting_user=acting_user, profiles=profiles,
                           level_value=data["level"], assessed_on=data["assessed_on"])
    return ngettext("%(count)s contact was assessed.", "%(count)s contacts were assessed.",
                    count) % {"count": count}


def _confirm_assess(count: int) -> str:
    return ngettext("Assess %(count)s contact", "Assess %(count)s contacts",
                    count) % {"count": count}


register(BulkAction(key="assess", label=_("Assess"), form_class=BulkAssessForm,
                    eligible=assessable, perform=_assess, confirm=_confirm_assess))
