"""The filters of a contact list: one definition for the list pages and the API.

``ContactFilter`` (django-filter) filters contact profiles by field, part, current level
("not assessed" included), last contact (within N days, not for N days, never), leader,
union, tie (a member in touch, a chosen member in touch, nobody in touch) and alias. Its form
is a ``RestrictedChoicesForm``: every choice is a record the reader may see (narrowed to the
list's unit or field), named by uid, and anything else is "not one of the available choices".
The pages bind it to ``request.GET`` (filters stay in the address), the API to its query
parameters (``DjangoFilterBackend``); ``clean_query`` re-checks a saved list's query string.

Another app adds a filter with ``add_contact_filter`` (see the HOOK below).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import django_filters  # type: ignore[import-untyped]  # ships no types
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from access import typed_choices
from access.choices import RestrictedChoicesForm, model_choice
from access.typed_choices import is_uid
from fieldwork.models import AssessmentLevel, ContactProfile, Field, FieldPart, Tie
from fieldwork.queries import mass_organizations_for
from organizations.models import Unit
from people.models import Person

NOT_ASSESSED = "none"
NO_PART = "none"  # the wall chart's row "without a part"
DEFAULT_DAYS = 30
WITHIN, NOT_FOR, NEVER, CONTACTED = "within", "not_for", "never", "contacted"
SOMEONE, NOBODY = "someone", "nobody"
ANY = _("Any")


class ContactFilterForm(RestrictedChoicesForm, forms.Form):
    """The filter form; ``django_filters`` adds one field per filter. Choices are narrowed
    here to the list's unit (its subtree) or field, and ``RestrictedChoicesForm`` passes
    them through ``restrict`` afterwards."""

    def __init__(self, *args: Any, user: Any, unit: Unit | None = None,
                 field: Field | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = field.unit if field is not None else unit
        own = Unit.objects.holding_records(user)
        fields = Field.objects.filter(unit__in=own).order_by("name")
        members = Person.objects.filter(kind=Person.Kind.MEMBER, unit__in=own)
        levels = AssessmentLevel.objects.restrict(user).filter(retired=False)
        unions = mass_organizations_for(user)
        if unit is not None:
            fields = fields.filter(unit__path__startswith=unit.path)
            members = members.filter(unit__path__startswith=unit.path)
            levels = levels.filter(organization_id=unit.organization_id)
            unions = unions.filter(organization_id=unit.organization_id)
        if field is not None:
            fields = fields.filter(pk=field.pk)
        self._set("unit", own.order_by("path"))
        self._set("field", fields)
        self._set("part", self._parts(FieldPart.objects.filter(field__in=fields)
                                      .select_related("field").order_by("field__name", "name")),
                  label=None if field is not None else _part_label)
        self._set("union", unions)
        self._set("in_touch_with", members.order_by("alias"))
        if "level" in self.fields:
            self._level_choices(levels.order_by("position", "value"))

    def _parts(self, parts: QuerySet[FieldPart]) -> QuerySet[FieldPart]:
        """Parts are listed up to ``typed_choices.TYPED_OVER`` (a thousand fields have twice
        as many, which each field's own list offers); past that only the part the address
        already names (a saved list), besides "without a part"."""
        limit = typed_choices.TYPED_OVER
        if len(parts.values_list("pk")[:limit + 1]) <= limit:
            return parts
        chosen = self.data.get(self.add_prefix("part")) if self.is_bound else None
        return parts.filter(uid=chosen) if chosen and is_uid(chosen) else parts.none()

    def _set(self, name: str, queryset: QuerySet[Any], label: Any = None) -> None:
        if name not in self.fields:  # a page's own unit or field is not a filter there
            return
        choice = model_choice(self.fields[name])
        choice.queryset = queryset
        if label is not None:
            choice.label_from_instance = label  # type: ignore[method-assign]

    def _level_choices(self, levels: QuerySet[AssessmentLevel]) -> None:
        level = self.fields["level"]
        assert isinstance(level, LevelField)  # the filter below declares it
        seen: dict[str, str] = {}
        for lv in levels:  # across organizations (the API), one choice per value
            seen.setdefault(str(lv.value), f"{lv.value} {lv.label}")
            level.uids[str(lv.uid)] = str(lv.value)
        level.choices = [*seen.items(), (NOT_ASSESSED, _("Not assessed"))]


class LevelField(django_filters.fields.MultipleChoiceField):
    """Level values ("2", "none"), or a level's uid as the wall chart's count links give it
    (read as its value: one level, one meaning, whichever way it is named)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.uids: dict[str, str] = {}  # filled by the form: the reader's levels

    def to_python(self, value: Any) -> list[str]:
        return [self.uids.get(v, v) for v in super().to_python(value)]


class LevelFilter(django_filters.MultipleChoiceFilter):
    field_class = LevelField


def _part_label(part: FieldPart) -> str:
    return f"{part.field.name} — {part.name}"


def _uid_choice(label: Any, **extra: Any) -> django_filters.ModelChoiceFilter:
    # The queryset is set by the form for each reader; to_field_name tells the API schema
    # that the value is a uid (the form names choices by uid anyway).
    return django_filters.ModelChoiceFilter(queryset=Field.objects.none(), label=label,
                                            to_field_name="uid", empty_label=ANY, **extra)


class ContactFilter(django_filters.FilterSet):
    """Filters over ``ContactProfile``; build with ``request=`` (or ``user=``) and, on a
    page, the list's ``unit`` or ``field`` (whose own filter is then left out)."""

    unit = _uid_choice(_("Unit"), method="filter_unit")
    field = _uid_choice(_("Workplace or field"))
    # "none": the contacts without a part (the wall chart's last row).
    part = _uid_choice(_("Part"), null_label=_("Without a part"), null_value=NO_PART)
    level = LevelFilter(
        label=_("Level"), choices=(), method="filter_level",
        widget=forms.CheckboxSelectMultiple)
    contact = django_filters.ChoiceFilter(
        label=_("Last contact"), empty_label=ANY, method="filter_contact",
        choices=((WITHIN, _("Within the last N days")),
                 (NOT_FOR, _("Not for N days or more, or never")),
                 (CONTACTED, _("At least once")),
                 (NEVER, _("Never"))))
    days = django_filters.NumberFilter(
        label=_("N days"), method="filter_days", min_value=1, max_value=3650,
        help_text=_("For the last contact; 30 when left empty."))
    leader = django_filters.ChoiceFilter(
        label=_("Natural leader"), empty_label=ANY, method="filter_leader",
        choices=(("true", _("Yes")), ("false", _("No"))))
    union = _uid_choice(_("Union or association"))
    in_touch = django_filters.ChoiceFilter(
        label=_("In touch"), empty_label=ANY, method="filter_in_touch",
        choices=((SOMEONE, _("A member is in touch")), (NOBODY, _("Nobody is in touch"))))
    in_touch_with = _uid_choice(_("In touch with"), method="filter_in_touch_with")
    alias = django_filters.CharFilter(label=_("Alias"), field_name="person__alias",
                                      lookup_expr="icontains", max_length=100)
    # --- HOOK: the "task state" filter (issue #13, point 3) ---
    # The tasks app adds it from its AppConfig.ready() with add_contact_filter("task", ...),
    # so pages, saved lists and the API get it without a change here.

    class Meta:
        model = ContactProfile
        fields: list[str] = []
        form = ContactFilterForm

    def __init__(self, data: Any = None, queryset: Any = None, *, request: Any = None,
                 prefix: str | None = None, user: Any = None, unit: Unit | None = None,
                 field: Field | None = None) -> None:
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.user = user if user is not None else getattr(request, "user", None)
        self.unit, self.field = unit, field
        # The page's own unit or field is in its address, not a filter.
        for name in (("unit", "field") if field is not None else ("unit",) if unit else ()):
            self.filters.pop(name)

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            form_class = self.get_form_class()
            self._form = form_class(self.data if self.is_bound else None,
                                    prefix=self.form_prefix, user=self.user, unit=self.unit,
                                    field=self.field)
        return self._form

    # --- the filters' methods (the type hints give the API schema each value's type) ---
    def filter_unit(self, queryset: QuerySet[ContactProfile], name: str,
                    value: Unit) -> QuerySet[ContactProfile]:
        return queryset.filter(person__unit__path__startswith=value.path)

    def filter_level(self, queryset: QuerySet[ContactProfile], name: str,
                     value: list[str]) -> QuerySet[ContactProfile]:
        if not value:
            return queryset
        values = [int(v) for v in value if v != NOT_ASSESSED]
        wanted = Q(current_level__value__in=values)
        if NOT_ASSESSED in value:
            wanted |= Q(current_level__isnull=True)
        return queryset.filter(wanted)

    def filter_contact(self, queryset: QuerySet[ContactProfile], name: str,
                       value: str) -> QuerySet[ContactProfile]:
        days = self.form.cleaned_data.get("days") or DEFAULT_DAYS
        since = timezone.localdate() - timedelta(days=int(days))
        if value == WITHIN:
            return queryset.filter(last_contact_on__gte=since)
        if value == NOT_FOR:
            return queryset.filter(Q(last_contact_on__lt=since) | Q(last_contact_on=None))
        if value == CONTACTED:
            return queryset.exclude(last_contact_on=None)
        return queryset.filter(last_contact_on=None)

    def filter_days(self, queryset: QuerySet[ContactProfile], name: str,
                    value: int) -> QuerySet[ContactProfile]:
        return queryset  # read by filter_contact

    def filter_leader(self, queryset: QuerySet[ContactProfile], name: str,
                      value: str) -> QuerySet[ContactProfile]:
        return queryset.filter(leader=value == "true")

    def _ties(self, member: Person | None = None) -> QuerySet[Tie]:
        """In-touch ties of the row's contact (either way round) that the reader sees."""
        ties = Tie.objects.restrict(self.user).filter(kind=Tie.Kind.IN_TOUCH)
        if member is None:
            return ties.filter(Q(from_person=OuterRef("person_id"),
                                 to_person__kind=Person.Kind.MEMBER)
                               | Q(to_person=OuterRef("person_id"),
                                   from_person__kind=Person.Kind.MEMBER))
        return ties.filter(Q(from_person=OuterRef("person_id"), to_person=member)
                           | Q(to_person=OuterRef("person_id"), from_person=member))

    def filter_in_touch(self, queryset: QuerySet[ContactProfile], name: str,
                        value: str) -> QuerySet[ContactProfile]:
        in_touch = Exists(self._ties())
        return queryset.filter(in_touch if value == SOMEONE else ~in_touch)

    def filter_in_touch_with(self, queryset: QuerySet[ContactProfile], name: str,
                             value: Person) -> QuerySet[ContactProfile]:
        return queryset.filter(Exists(self._ties(value)))


# The API schema: these filters' values are uids (their methods take the record).
for _name in ("unit", "in_touch_with"):
    extend_schema_field(OpenApiTypes.UUID)(ContactFilter.base_filters[_name])


def add_contact_filter(name: str, filter_: django_filters.Filter) -> None:
    """HOOK for other apps (the tasks app's "task state"): one more filter on every contact
    list, saved list and the API. A model choice in it is restricted like the others (the
    form is a RestrictedChoicesForm); a ``method`` given as a callable takes
    ``(queryset, name, value)``. A filter that needs the reader (to restrict the tasks it
    looks at, say) reads ``self.parent.user``: django-filter sets ``parent`` to the
    FilterSet."""
    if name in ContactFilter.base_filters:
        raise ValueError(f"the contact filter {name!r} exists already")
    ContactFilter.base_filters[name] = filter_


def clean_query(raw: str, *, user: Any, unit: Unit | None = None,
                field: Field | None = None) -> str:
    """A saved or given query string with what no longer holds left out: an option the
    reader no longer sees (a field moved away, a member gone) is dropped, the rest kept, so
    opening an old list never ends on an error."""
    data = QueryDict(raw, mutable=True)
    form = ContactFilter(data, user=user, unit=unit, field=field).form
    for name in list(data):
        if name not in form.fields:
            del data[name]
    if not form.is_valid():
        for name in form.errors:
            if name in form.fields:
                form_field = form.fields[name]
                values = data.getlist(name)
                keep = [v for v in values if len(values) > 1 and _valid(form_field, [v])]
                data.setlist(name, keep)
    for name in list(data):
        values = [v for v in data.getlist(name) if v]
        if values:
            data.setlist(name, values)
        else:
            del data[name]
    return data.urlencode()


def _valid(form_field: forms.Field, value: Any) -> bool:
    try:
        form_field.clean(value)
    except ValidationError:
        return False
    return True
