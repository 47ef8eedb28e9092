"""Form choices limited to what the user may see, for every form, without per-form code.

Every project form inherits ``RestrictedChoicesForm`` (first among its bases). After the most
derived ``__init__`` has run, every ``ModelChoiceField`` and ``ModelMultipleChoiceField`` of
the form has its queryset passed through ``restrict(user, action)``: a form may narrow its
choices further (the fields of this unit ...), never widen them. The action is ``view``
unless ``choice_actions`` names another for a field. A model choice over a model without an
anchor is refused at construction, so a new form cannot offer unrestricted rows by accident.
Choices of records are named by their uid (``to_field_name``), never by the row's pk. A
choice of more people than a select should carry is typed instead (``access.typed_choices``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError

from access.querysets import RestrictedQuerySet
from access.typed_choices import is_uid, make_typed, typed_attribute
from nucleus.digits import fold_number_fields

_DEPTH = "_restricted_choices_depth"


def model_choice(field: forms.Field) -> forms.ModelChoiceField[Any]:
    """A form field as the model choice it is (``form.fields`` holds plain ``Field``s), to
    set its queryset or labels: ``model_choice(self.fields["unit"]).queryset = ...``."""
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(field).__name__} is not a model choice field")
    return field


def restrict_choices(form: forms.BaseForm, user: Any, actions: dict[str, str]) -> None:
    for name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField):
            continue
        queryset = field.queryset
        if not isinstance(queryset, RestrictedQuerySet):
            model = queryset.model.__name__ if queryset is not None else "nothing"
            raise TypeError(f"{type(form).__name__}.{name}: choices of "
                            f"{model} cannot be restricted (no anchor)")
        field.queryset = queryset.restrict(user, actions.get(name, "view"))
        if any(f.name == "uid" for f in queryset.model._meta.concrete_fields):
            # Options and submitted values name records by uid, like the URLs: a select (or a
            # filter's query string) shows no sequential ids, nothing that counts rows.
            field.to_field_name = "uid"
            clean = _refusing_non_uids(field)
            attribute = typed_attribute(field)
            if attribute is not None:  # too many to list: typed (access/typed_choices.py)
                clean = make_typed(field, attribute, clean)
            field.clean = clean  # type: ignore[method-assign, assignment]


def _refusing_non_uids(field: forms.ModelChoiceField[Any]) -> Callable[[Any], Any]:
    """``field.clean`` answering a value that is no uid (an old pk, say) with the field's own
    "Select a valid choice" rather than the database field's "is not a valid UUID"."""
    clean = field.clean

    def checked(value: Any) -> Any:
        # A filter's "none of them" choice (django-filter's ``null_value``) is no record.
        null = getattr(field, "null_value", None) if getattr(field, "null_label", None) \
            else None
        for item in value if isinstance(value, list | tuple) else [value]:
            if item not in field.empty_values and item != null and not is_uid(item):
                raise ValidationError(field.error_messages["invalid_choice"],
                                      code="invalid_choice", params={"value": item})
        return clean(value)

    return checked


def _wrap(init: Callable[..., None]) -> Callable[..., None]:
    @functools.wraps(init)
    def __init__(self: RestrictedChoicesForm, *args: Any, **kwargs: Any) -> None:
        depth = self.__dict__.get(_DEPTH, 0)
        self.__dict__[_DEPTH] = depth + 1
        try:
            init(self, *args, **kwargs)
        finally:
            self.__dict__[_DEPTH] = depth
        if depth == 0:
            # The outermost __init__ is done: every queryset the form set is final now.
            if "user" not in kwargs and any(isinstance(f, forms.ModelChoiceField)
                                            for f in self.fields.values()):
                raise TypeError(f"{type(self).__name__} offers model choices: pass user=")
            restrict_choices(self, kwargs.get("user"), self.choice_actions)
            fold_number_fields(self)  # numbers and dates typed in Persian digits, too

    __init__._restricts_choices = True  # type: ignore[attr-defined]
    return __init__


class RestrictedChoicesForm(forms.BaseForm):
    """Mix in first: ``class ContactForm(RestrictedChoicesForm, forms.Form)``. Forms with
    model choices are built with ``user=`` (a form's own ``__init__`` may take it as a named
    argument too; it is seen here either way)."""

    choice_actions: ClassVar[dict[str, str]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # The class's own __init__, or the inherited one when that is not wrapped yet (the
        # first form class below this base): wrapped once, so the outermost call restricts.
        init = cls.__dict__.get("__init__", cls.__init__)
        if not getattr(init, "_restricts_choices", False):
            cls.__init__ = _wrap(init)  # type: ignore[method-assign]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        # ``user`` is consumed here when the form's own __init__ does not name it.
        super().__init__(*args, **kwargs)
