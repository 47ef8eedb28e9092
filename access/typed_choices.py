"""Long choice lists typed instead of listed: a person is chosen by typing their alias, a
field by typing its name.

A select of every person in reach is what a regional or central secretary's forms would
otherwise carry: the audit log's person filter weighed 15 MB for a founder at full size,
an activity form 182 KiB for a cell of a thousand contacts. A model declares the attribute
its records are typed by (``Person.typed_choice_attribute = "alias"``, ``Field``'s
``"name"``); when a restricted
choice of such a model (``access.choices``) offers more than ``TYPED_OVER`` records, its
select becomes a text input (one alias, or one per line for several), converted back to the
same uids the select would have sent, then checked by the field as before. Only records of
the restricted queryset are found: typing the alias of someone out of reach answers the
same "no one" as an alias nobody has, so the input is no oracle. Two people in reach with
one alias (aliases are unique within a unit) are told apart as "alias (unit name)".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from uuid import UUID

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# More choices than this: typed. A select of 200 aliases is some 15 KiB.
TYPED_OVER = 200
_WITH_UNIT = re.compile(r"^(?P<alias>.+?)\s*\((?P<unit>[^()]+)\)$")


def typed_attribute(field: forms.ModelChoiceField[Any]) -> str | None:
    """The attribute the field's records are typed by, when there are too many to list."""
    attribute = getattr(_records(field).model, "typed_choice_attribute", None)
    if attribute is None or isinstance(field.widget, forms.HiddenInput | forms.MultipleHiddenInput):
        return None
    if len(_records(field).values_list("pk")[:TYPED_OVER + 1]) <= TYPED_OVER:
        return None
    return str(attribute)


def make_typed(field: forms.ModelChoiceField[Any], attribute: str,
               clean: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Give ``field`` a text input; returns its ``clean``, taking typed values."""
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    if attribute == "alias":
        hint = gettext_lazy("One alias per line") if multiple else gettext_lazy("Type the alias")
    else:
        hint = gettext_lazy("One name per line") if multiple else gettext_lazy("Type the name")
    shown = _shown(field, attribute)
    field.widget = (_TypedLines(shown, attrs={"rows": 3, "placeholder": hint}) if multiple
                    else _TypedInput(shown, attrs={"placeholder": hint, "autocomplete": "off"}))
    field.widget.is_required = field.required

    def typed_clean(value: Any) -> Any:
        if multiple:
            items = value if isinstance(value, list | tuple) else str(value or "").splitlines()
            uids = [_uid_of(field, attribute, item) for item in items if str(item).strip()]
            return clean(uids)
        if value in field.empty_values:
            return clean(value)
        return clean(_uid_of(field, attribute, value))

    return typed_clean


def is_typed(field: forms.Field) -> bool:
    """Whether a choice became a text input (a template that lists choices itself, such as
    a checklist, shows the input instead)."""
    return isinstance(field.widget, _TypedInput | _TypedLines)


def _records(field: forms.ModelChoiceField[Any]) -> Any:
    assert field.queryset is not None  # restricted by access.choices before this
    return field.queryset


def is_uid(value: Any) -> bool:
    if isinstance(value, UUID) or hasattr(value, "_meta"):  # an initial value (disabled field)
        return True
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True


def _uid_of(field: forms.ModelChoiceField[Any], attribute: str, typed: Any) -> Any:
    text = str(typed).strip()
    if is_uid(text):  # a link or a query string names the record by its uid
        return text
    matches = list(_records(field).filter(**{attribute: text}).values_list(
        "uid", "unit__name")[:20])
    if not matches and (named := _WITH_UNIT.match(text)):
        matches = list(_records(field).filter(
            **{attribute: named["alias"], "unit__name": named["unit"].strip()}
        ).values_list("uid", "unit__name")[:20])
    if len(matches) == 1:
        return str(matches[0][0])
    people = attribute == "alias"
    if not matches:
        raise ValidationError((_("No one you can choose here is called “%(a)s”.") if people
                               else _("Nothing you can choose here is called “%(a)s”."))
                              % {"a": text}, code="invalid_choice")
    raise ValidationError(
        (_("Several people are called “%(a)s”: type it with the unit in brackets, for "
           "example “%(example)s”.") if people else
         _("Several are called “%(a)s”: type it with the unit in brackets, for example "
           "“%(example)s”.")) % {"a": text, "example": f"{text} ({matches[0][1]})"},
        code="invalid_choice")


class _TypedInput(forms.TextInput):
    """Shows a chosen record (its uid or pk, as the field prepares it) by its alias."""

    def __init__(self, shown: Callable[[list[Any]], list[Any]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shown = shown

    def format_value(self, value: Any) -> str | None:
        return super().format_value(self.shown([value])[0] if value not in ("", None) else value)


class _TypedLines(forms.Textarea):
    def __init__(self, shown: Callable[[list[Any]], list[Any]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shown = shown

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, list | tuple):
            value = "\n".join(str(item) for item in self.shown(list(value)))
        return super().format_value(value)


def _shown(field: forms.ModelChoiceField[Any], attribute: str
           ) -> Callable[[list[Any]], list[Any]]:
    """What the input shows for prepared values (records, pks or uids; typed text stays as
    typed): each record's alias, with its unit in brackets where another record in reach
    has the same alias, so that sending the form back names the same people. Two queries
    whatever the number of values."""
    def shown(values: list[Any]) -> list[Any]:
        keys = [v.pk if hasattr(v, "_meta") else v for v in values]
        pks = {k for k in keys if isinstance(k, int)}
        uids = {str(k) for k in keys if not isinstance(k, int) and k and is_uid(k)}
        if not pks and not uids:
            return list(values)
        rows = list(_records(field).filter(Q(pk__in=pks) | Q(uid__in=uids))
                    .values_list("pk", "uid", attribute, "unit__name"))
        shared = set(_records(field).filter(**{f"{attribute}__in": {r[2] for r in rows}})
                     .values(attribute).annotate(n=Count("pk")).filter(n__gt=1)
                     .values_list(attribute, flat=True))
        text: dict[int | str, Any] = {}
        for pk, uid, name, unit in rows:
            text[pk] = text[str(uid)] = f"{name} ({unit})" if name in shared else name
        return [text.get(k if isinstance(k, int) else str(k), "" if k in pks or
                         str(k) in uids else k) for k in keys]

    return shown
