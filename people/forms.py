"""Forms for people pages. They validate input and limit choices with the access layer;
writes happen in people.actions."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm, model_choice
from nucleus.calendars import LocalizedDateField
from organizations.models import Unit
from people.models import Identity, Person
from vault.crypto import normalize_phone

FUTURE_DATE = _("The date cannot be in the future.")


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(FUTURE_DATE, code="future")
    return value


def _clean_phone(value: str) -> str:
    if value and not 5 <= len(normalize_phone(value).lstrip("+")) <= 15:
        raise forms.ValidationError(_("A phone number has 5 to 15 digits."), code="phone")
    return value


def _alias_taken(*, user, unit: Unit, alias: str, exclude: Person | None = None) -> bool:
    """Whether another person of the unit has this alias. Only asked about units whose
    records the user sees, so the restricted queryset sees every alias there."""
    qs = Person.objects.restrict(user).filter(unit=unit, alias=alias)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.exists()


ALIAS_TAKEN = _("Another person in this unit already has this alias.")


class PersonForm(RestrictedChoicesForm, forms.Form):
    """The plain (not sealed) fields of a person."""

    alias = forms.CharField(label=_("Alias"), max_length=100,
                            help_text=_("The name used for this person everywhere in Nucleus."))
    kind = forms.ChoiceField(label=_("Kind"), choices=Person.Kind.choices)
    status = forms.ChoiceField(label=_("Membership status"), choices=Person.Status.choices)
    status_since = LocalizedDateField(label=_("Status since"), validators=[_not_in_future])
    joined_on = LocalizedDateField(label=_("Joined on"), required=False,
                                   validators=[_not_in_future])

    def __init__(self, *args, user, unit: Unit, person: Person | None = None, **kwargs):
        self.user, self.unit, self.person = user, unit, person
        if person is not None:
            kwargs.setdefault("initial", {n: getattr(person, n) for n in self.plain_names()})
        else:
            kwargs.setdefault("initial", {"status_since": timezone.localdate()})
        super().__init__(*args, **kwargs)

    @classmethod
    def plain_names(cls) -> tuple[str, ...]:
        return ("alias", "kind", "status", "status_since", "joined_on")

    def clean_alias(self) -> str:
        alias = self.cleaned_data["alias"]
        if _alias_taken(user=self.user, unit=self.unit, alias=alias, exclude=self.person):
            raise forms.ValidationError(ALIAS_TAKEN, code="alias_taken")
        return alias

    def clean(self):
        data = super().clean()
        person = self.person
        # A status change enters the history with its date: it must be the date of the change.
        if (person is not None and data.get("status") and data["status"] != person.status
                and data.get("status_since") == person.status_since):
            self.add_error("status_since", _("The status changed: give the date of the change."))
        return data

    def plain_data(self) -> dict:
        return {n: self.cleaned_data[n] for n in self.plain_names()}

    def plain_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.plain_names()]


def class_position_choices(organization, *, current: str = "") -> list[tuple[str, str]]:
    """The organization's class positions in use (uids as values), and the stored one even
    if it was retired since."""
    from congresses.catalogue import positions_for

    entries = [(str(p.uid), p.label) for p in positions_for(organization)
               if not p.retired or str(p.uid) == current]
    return [("", "—"), *entries]


class IdentityForm(RestrictedChoicesForm, forms.Form):
    """The sealed fields. Values entered here are only ever stored encrypted."""

    legal_name = forms.CharField(label=_("Legal name"), max_length=2000, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False,
                            help_text=_("With the country code, for example +98 912 000 0000."))
    email = forms.EmailField(label=_("Email"), max_length=254, required=False)
    address = forms.CharField(label=_("Address"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    notes = forms.CharField(label=_("Notes"), max_length=2000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    # Sealed too: in a small unit a class position and sector identify (congresses).
    class_position = forms.ChoiceField(label=_("Class position"), required=False,
                                       choices=[("", "—")])
    sector = forms.CharField(label=_("Sector"), max_length=200, required=False,
                             help_text=_("For example textiles, health, construction."))

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        unit = getattr(self, "unit", None)
        if organization is None and unit is not None:
            organization = unit.organization
        if organization is not None:
            self.fields["class_position"].choices = class_position_choices(
                organization, current=self.initial.get("class_position", ""))

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data["phone"])

    def identity(self) -> Identity | None:
        # None in forms where the identity is optional (a new contact's).
        return Identity(**{n: self.cleaned_data[n] for n in Identity.FIELDS})

    def identity_changes(self) -> dict[str, str]:
        """The parts the submission carries: a part left out of the POST keeps its stored
        value instead of being blanked (a browser sends every field, even an empty one)."""
        return {n: self.cleaned_data[n] for n in Identity.FIELDS if n in self.data}

    def identity_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in Identity.FIELDS]


class PersonCreateForm(PersonForm, IdentityForm):
    """A new person: plain fields and, optionally, the identity."""

    field_order = [*PersonForm.plain_names(), *Identity.FIELDS]


class MoveForm(RestrictedChoicesForm, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Move to unit"), queryset=Unit.objects.none(),
        error_messages={"invalid_choice": _(
            "Choose one of the listed units: a person moves only within their organization, "
            "to a unit where you may add people.")})

    def __init__(self, *args, user, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.person = user, person
        # Where the user may add records, inside the person's organization (the blind index
        # key is per organization).
        model_choice(self.fields["unit"]).queryset = (
            Unit.objects.holding_records(user, "add")
            .filter(organization_id=person.unit.organization_id)
            .exclude(pk=person.unit_id))

    def clean_unit(self) -> Unit:
        unit = self.cleaned_data["unit"]
        if _alias_taken(user=self.user, unit=unit, alias=self.person.alias):
            raise forms.ValidationError(ALIAS_TAKEN, code="alias_taken")
        return unit


class MergeForm(RestrictedChoicesForm, forms.Form):
    """The duplicate to merge into this person: another record of the same unit that the
    user may delete (restricted by the form base)."""

    choice_actions = {"duplicate": "delete"}
    duplicate = forms.ModelChoiceField(
        label=_("Duplicate record"), queryset=Person.objects.none(),
        help_text=_("Its activities, assessments, ties and history move to this person, blank "
                    "parts of the identity are filled from it, and it is deleted."),
        error_messages={"invalid_choice": _(
            "Choose one of the listed people: only another record of the same unit can be "
            "merged.")})

    def __init__(self, *args, user, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self.fields["duplicate"]).queryset = Person.objects.filter(
            unit_id=person.unit_id, kind=person.kind).exclude(pk=person.pk)


class LookupForm(RestrictedChoicesForm, forms.Form):
    """Exact search by contact; sent by POST so that numbers never land in URLs or logs."""

    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email"), max_length=254, required=False)

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("Enter a phone number or an email address."),
                                        code="empty")
        return data


class SearchForm(RestrictedChoicesForm, forms.Form):
    q = forms.CharField(label=_("Alias"), max_length=100, required=False)
