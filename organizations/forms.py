"""Forms for coalitions, organizations, their profile details and units.

Forms only validate input; views hand ``cleaned_data`` to the ``do_*`` actions. Every choice
of another record is limited to what the user may see (``.restrict``).
"""

from __future__ import annotations

import re
from typing import cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm, model_choice
from nucleus.calendars import LocalizedDateField, LocalizedDateInput
from organizations.models import (
    Coalition,
    CoalitionMembership,
    IdeologyTag,
    LineageEvent,
    Organization,
    PublicOffice,
    SisterLink,
    Unit,
)

TAG_MAX = cast(int, IdeologyTag._meta.get_field("name").max_length)  # a CharField's: set


def _formfield(field: models.Field, **kwargs) -> forms.Field | None:
    # Addresses typed without a scheme are taken as https (Django 6's default).
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    # Dates are typed in the calendar of the active language (Jalali in Persian).
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        kwargs.update(form_class=LocalizedDateField, widget=LocalizedDateInput)
    return field.formfield(**kwargs)


class ActionModelForm(RestrictedChoicesForm, forms.ModelForm):
    """A model form whose model's clean() may name a field the form does not show (the
    parent unit, say): such errors go to the top of the form instead of breaking it."""

    class Meta:
        formfield_callback = _formfield

    def _update_errors(self, errors: ValidationError) -> None:
        if hasattr(errors, "error_dict"):
            moved: dict[str, list] = {}
            for field, messages in errors.error_dict.items():
                known = field in self.fields or field == NON_FIELD_ERRORS
                moved.setdefault(field if known else NON_FIELD_ERRORS, []).extend(messages)
            errors = ValidationError(moved)
        super()._update_errors(errors)  # type: ignore[misc]  # private hook, not in the stubs


def split_tags(text: str) -> list[str]:
    """Comma separated (Latin or Persian comma), trimmed, without duplicates."""
    seen: dict[str, None] = {}
    for part in re.split(r"[,،]", text or ""):
        tag = " ".join(part.split())
        if tag and tag.casefold() not in {t.casefold() for t in seen}:
            seen[tag] = None
    return list(seen)


def _check_past(form: forms.Form, field: str) -> None:
    value = form.cleaned_data.get(field)
    if value and value > timezone.localdate():
        form.add_error(field, _("The date cannot be in the future."))


class CoalitionForm(ActionModelForm):
    class Meta(ActionModelForm.Meta):
        model = Coalition
        fields = ["name", "acronym", "kind", "founded_year", "description", "website"]

    def clean_founded_year(self):
        year = self.cleaned_data.get("founded_year")
        if year and year > timezone.localdate().year:
            raise ValidationError(_("The year cannot be in the future."))
        return year


class TagsMixin(RestrictedChoicesForm, forms.Form):
    tags = forms.CharField(
        label=_("ideology tags"), required=False, max_length=500,
        help_text=_("Comma separated, for example: socialist, feminist."))

    def clean_tags(self) -> list[str]:
        tags = split_tags(self.cleaned_data.get("tags", ""))
        too_long = [t for t in tags if len(t) > TAG_MAX]
        if too_long:
            raise ValidationError(
                _("Each tag is at most %(max)d characters: %(tags)s"),
                params={"max": TAG_MAX, "tags": ", ".join(too_long)})
        return tags


PROFILE_FIELDS = ["name", "acronym", "native_name", "native_language", "country", "founded_on",
                  "founded_year", "status", "website", "description"]


class OrganizationForm(TagsMixin, ActionModelForm):
    """Create or edit an organization's public profile."""

    class Meta(ActionModelForm.Meta):
        model = Organization
        fields = [*PROFILE_FIELDS, "phone_region", "parent_organization", "affiliation"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Organization.objects.restrict(user)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
            self.fields["tags"].initial = ", ".join(
                self.instance.ideology_tags.values_list("name", flat=True))
        self.fields["parent_organization"].queryset = parents

    def clean(self):
        cleaned = super().clean()
        _check_past(self, "founded_on")
        return cleaned

    def action_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in self._meta.fields or ()}


class MemberOrganizationForm(TagsMixin, ActionModelForm):
    """A coalition office registers a new organization profile with its membership."""

    joined_on = LocalizedDateField(label=_("joined on"), required=False)
    membership_status = forms.ChoiceField(label=_("status in the coalition"),
                                          choices=CoalitionMembership.Status.choices,
                                          initial=CoalitionMembership.Status.MEMBER)
    note = forms.CharField(label=_("note"), required=False, max_length=300)

    class Meta(ActionModelForm.Meta):
        model = Organization
        fields = PROFILE_FIELDS

    def clean(self):
        cleaned = super().clean()
        _check_past(self, "founded_on")
        _check_past(self, "joined_on")
        return cleaned

    def action_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in self._meta.fields or ()}

    def membership_data(self) -> dict:
        return {"joined_on": self.cleaned_data["joined_on"],
                "status": self.cleaned_data["membership_status"],
                "note": self.cleaned_data["note"]}


class MembershipForm(ActionModelForm):
    class Meta(ActionModelForm.Meta):
        model = CoalitionMembership
        fields = ["joined_on", "status", "note"]

    def clean(self):
        cleaned = super().clean()
        _check_past(self, "joined_on")
        return cleaned


class AffiliateForm(TagsMixin, ActionModelForm):
    """A new organization affiliated to this one (a youth wing, a union ...)."""

    class Meta(ActionModelForm.Meta):
        model = Organization
        fields = ["affiliation", "name", "acronym", "native_name", "native_language", "country",
                  "founded_year", "website", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        affiliation = self.fields["affiliation"]
        affiliation.required = True
        affiliation.choices = [c for c in Organization.Affiliation.choices if c[0]]


class _OtherOrganizationMixin:
    """Limits a choice of another organization to visible ones, without the organization."""

    other_field = ""
    fields: dict[str, forms.Field]  # of the form this is mixed into

    def limit_other(self, user, organization: Organization) -> None:
        model_choice(self.fields[self.other_field]).queryset = (
            Organization.objects.restrict(user).exclude(pk=organization.pk))


class LineageEventForm(_OtherOrganizationMixin, ActionModelForm):
    other_field = "other"

    class Meta(ActionModelForm.Meta):
        model = LineageEvent
        fields = ["kind", "other", "other_name", "date", "year", "note"]

    def __init__(self, *args, user, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_other(user, organization)
        self.fields["other"].help_text = _(
            "Choose a known organization, or type the name below.")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("other") and not (cleaned.get("other_name") or "").strip():
            self.add_error("other_name", _("Name the other organization."))
        _check_past(self, "date")
        return cleaned


class SisterLinkForm(_OtherOrganizationMixin, ActionModelForm):
    other_field = "sister"

    class Meta(ActionModelForm.Meta):
        model = SisterLink
        fields = ["sister", "sister_name", "note"]
        labels = {"sister": _("sister organization"),
                  "sister_name": _("sister organization (name)"), "note": _("note")}

    def __init__(self, *args, user, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_other(user, organization)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("sister") and not (cleaned.get("sister_name") or "").strip():
            self.add_error("sister_name", _("Name the sister organization."))
        return cleaned


class PublicOfficeForm(ActionModelForm):
    class Meta(ActionModelForm.Meta):
        model = PublicOffice
        fields = ["title", "holder", "since_year"]
        labels = {"since_year": _("since (year)")}


class UnitForm(ActionModelForm):
    class Meta(ActionModelForm.Meta):
        model = Unit
        fields = ["name", "kind", "field_kind", "country", "phone_region", "members_assess"]


class UnitMoveForm(RestrictedChoicesForm, forms.Form):
    new_parent = forms.ModelChoiceField(
        label=_("new parent unit"), queryset=Unit.objects.none(),
        help_text=_("Units of the same organization that you may change."))

    def __init__(self, *args, user, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self.fields["new_parent"]).queryset = self.choices_for(user, unit)

    @staticmethod
    def choices_for(user, unit: Unit):
        # Units the user may change, of the same organization; not into its own subtree and
        # not into a cell (cells have no sub-units).
        return (Unit.objects.restrict(user, "change")
                .filter(organization_id=unit.organization_id)
                .exclude(path__startswith=unit.path)
                .exclude(kind=Unit.Kind.CELL))


class OrganizationFilterForm(RestrictedChoicesForm, forms.Form):
    """The directory's search and filters; every choice comes from visible records."""

    q = forms.CharField(label=_("search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))
    country = forms.ChoiceField(label=_("country"), required=False)
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("any")), *Organization.Status.choices])
    tag = forms.ModelChoiceField(label=_("ideology"), required=False,
                                 queryset=IdeologyTag.objects.none(), empty_label=_("any"))
    coalition = forms.ModelChoiceField(label=_("coalition"), required=False,
                                       queryset=Coalition.objects.none(),
                                       empty_label=_("any"))

    def __init__(self, *args, user, visible, **kwargs):
        super().__init__(*args, **kwargs)
        countries = (visible.exclude(country="").order_by("country")
                     .values_list("country", flat=True).distinct())
        self.fields["country"].choices = [("", _("any")), *((c, c) for c in countries)]
        self.fields["tag"].queryset = IdeologyTag.objects.filter(
            pk__in=visible.values("ideology_tags")).order_by("name")
        self.fields["coalition"].queryset = Coalition.objects.restrict(user)

    def apply(self, qs):
        """Filter by the valid fields; invalid ones are reported and ignored."""
        data = self.cleaned_data if self.is_valid() else getattr(self, "cleaned_data", {})
        if term := (data.get("q") or "").strip():
            qs = qs.filter(Q(name__icontains=term) | Q(acronym__icontains=term)
                           | Q(native_name__icontains=term))
        if data.get("country"):
            qs = qs.filter(country=data["country"])
        if data.get("status"):
            qs = qs.filter(status=data["status"])
        if data.get("tag"):
            qs = qs.filter(ideology_tags=data["tag"])
        if data.get("coalition"):
            qs = qs.filter(coalition_memberships__coalition=data["coalition"])
        return qs
