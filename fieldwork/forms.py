"""Forms of the fieldwork pages: short, phone-friendly, with messages that say what to fix.

Forms only validate; views hand ``cleaned_data`` to the ``fieldwork.actions`` ``do_*``
functions. Every choice of another record is limited through the access layer
(``fieldwork.queries`` and ``.restrict``), so a forged id is an invalid choice.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm, model_choice
from access.scope import scope_for
from fieldwork.csv_io import ATTRIBUTES
from fieldwork.models import (
    PRIORITY_MAX,
    Activity,
    AssessmentLevel,
    ContactProfile,
    Demand,
    Field,
    FieldPart,
    FieldworkSettings,
    MassOrganization,
    MoodReading,
    StructureTest,
    Struggle,
    Tie,
)
from fieldwork.queries import (
    contacts_in,
    fields_for,
    mass_organizations_for,
    parts_of,
)
from nucleus.calendars import LocalizedDateField
from organizations.models import Organization, Unit
from people.forms import IdentityForm
from people.models import Identity, Person

FUTURE = _("The date cannot be in the future.")
MAX_UPLOAD_BYTES = 1_000_000


def not_in_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(FUTURE, code="future")


def _today():
    return timezone.localdate()


def _choice(queryset: QuerySet, label, message, *, required: bool = True,
            multiple: bool = False, checkboxes: bool = False) -> forms.Field:
    """A choice of records, with the message shown for anything not offered."""
    if multiple:
        return forms.ModelMultipleChoiceField(
            queryset=queryset, label=label, required=required,
            widget=forms.CheckboxSelectMultiple if checkboxes else forms.SelectMultiple,
            error_messages={"invalid_choice": message, "invalid_pk_value": message})
    return forms.ModelChoiceField(queryset=queryset, label=label, required=required,
                                  error_messages={"invalid_choice": message})


def holds_records(user, unit: Unit) -> bool:
    """Whether the user may add to the unit's records (a secretary or organizer), not only
    log their own field work there (a member)."""
    return scope_for(user).sees_records_of(unit, "add")


def members_of(user, unit: Unit) -> QuerySet[Person]:
    """Members of the unit the user may record activities for: every one for who holds the
    unit's records; a member logging their own work records it in their own name only."""
    if holds_records(user, unit):
        return Person.objects.restrict(user, "add").filter(unit=unit, kind=Person.Kind.MEMBER)
    own = getattr(user, "person_id", None)
    return Person.objects.restrict(user).filter(unit=unit, kind=Person.Kind.MEMBER,
                                                pk__in=[own] if own else [])


def contact_people(user, *, field: Field | None = None,
                   unit: Unit | None = None) -> QuerySet[Person]:
    """The people behind the contact profiles the user may act on (``contacts_in``): for a
    member logging their own work, the contacts they see."""
    place = field.unit if field is not None else unit
    action = "add" if place is None or holds_records(user, place) else "view"
    profiles = contacts_in(user, action=action, field=field, unit=unit).order_by()
    return Person.objects.filter(pk__in=profiles.values("person_id")).order_by("alias")


NOT_A_MEMBER = _("Choose members of this unit only: that one is not offered here.")
NOT_A_CONTACT = _("Choose contacts of this field only: that one is not offered here.")
NOT_A_PART = _("Choose one of the parts of this field.")
NOT_A_UNION = _("Choose one of the mass organizations tracked by this organization.")
NOT_A_FIELD = _("Choose one of the workplaces or other fields of this unit.")


# --- fields and parts ---

class FieldForm(RestrictedChoicesForm, forms.ModelForm):
    class Meta:
        model = Field
        fields = ["name", "kind", "employer", "sector", "sub_sector", "headcount", "address",
                  "strategic", "strategic_sector", "latitude", "longitude"]
        widgets = {"headcount": forms.NumberInput(attrs={"inputmode": "numeric"})}


class FieldPriorityForm(RestrictedChoicesForm, forms.Form):
    priority = forms.TypedChoiceField(
        label=_("Priority"), coerce=int,
        choices=[(n, str(n)) for n in range(PRIORITY_MAX + 1)],
        help_text=_("0 (none) to 5 (highest): where the organization puts its forces."),
        error_messages={"invalid_choice": _("The priority goes from 0 to 5.")})


class FieldPartForm(RestrictedChoicesForm, forms.ModelForm):
    class Meta:
        model = FieldPart
        fields = ["name", "kind", "headcount"]


# --- contacts ---

class ContactProfileFields(RestrictedChoicesForm, forms.Form):
    """What the unit knows of a contact at work, besides the identity."""

    part = forms.ModelChoiceField(queryset=FieldPart.objects.none(), label=_("Part"),
                                  required=False,
                                  error_messages={"invalid_choice": NOT_A_PART})
    job = forms.CharField(label=_("Job"), max_length=120, required=False)
    union = forms.ModelChoiceField(queryset=MassOrganization.objects.none(), required=False,
                                   label=_("Union or association"),
                                   error_messages={"invalid_choice": NOT_A_UNION})
    leader = forms.BooleanField(label=_("Natural leader"), required=False,
                                help_text=_("Respected by workmates; others follow them."))
    tags = forms.CharField(label=_("Tags"), max_length=300, required=False,
                           help_text=_("Comma separated."))

    PROFILE = ("part", "job", "union", "leader", "tags")

    def limit(self, user, organization_id: int, parts: QuerySet[FieldPart]) -> None:
        model_choice(self.fields["part"]).queryset = parts
        model_choice(self.fields["union"]).queryset = mass_organizations_for(user).filter(
            organization_id=organization_id)

    def profile_data(self) -> dict:
        return {n: self.cleaned_data[n] for n in self.PROFILE}


class ContactCreateForm(ContactProfileFields, IdentityForm):
    alias = forms.CharField(label=_("Alias"), max_length=100,
                            help_text=_("The name used for this contact everywhere in Nucleus."))
    field_order = ["alias", *ContactProfileFields.PROFILE, "legal_name", "phone", "email"]

    def __init__(self, *args, user, field: Field, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.field = user, field
        # A contact form on the phone: address and notes belong to the full identity form.
        del self.fields["address"], self.fields["notes"]
        self.limit(user, field.unit.organization_id, parts_of(user, field))

    def clean_alias(self) -> str:
        alias = self.cleaned_data["alias"].strip()
        # Asked only for a unit whose records the user may add: the restricted queryset sees
        # every alias there.
        if Person.objects.restrict(self.user).filter(unit=self.field.unit, alias=alias).exists():
            raise ValidationError(_("Another person in this unit already has this alias."),
                                  code="alias_taken")
        return alias

    def identity(self) -> Identity | None:
        given = {n: self.cleaned_data.get(n, "") for n in ("legal_name", "phone", "email")}
        return Identity(**given) if any(given.values()) else None

    def identity_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("legal_name", "phone", "email")]

    def profile_fields(self) -> list[forms.BoundField]:
        return [self["alias"], *(self[n] for n in self.PROFILE)]


class ContactProfileForm(ContactProfileFields):
    field = forms.ModelChoiceField(queryset=Field.objects.none(), label=_("Workplace or field"),
                                   error_messages={"invalid_choice": NOT_A_FIELD})
    field_order = ["field", *ContactProfileFields.PROFILE]

    def __init__(self, *args, user, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self.fields["field"]).queryset = fields_for(user, action="add").filter(
            unit=person.unit)
        # Parts of any of those fields; clean() checks the part belongs to the chosen one.
        self.limit(user, person.unit.organization_id,
                   FieldPart.objects.restrict(user).filter(field__unit=person.unit)
                   .select_related("field").order_by("field__name", "name"))
        # A per-form label: Django calls the field's label_from_instance(obj).
        model_choice(self.fields["part"]).label_from_instance = (  # type: ignore[method-assign]
            lambda obj: f"{obj.field.name} — {obj.name}")

    def clean(self):
        data = super().clean()
        if data.get("part") and data.get("field") and data["part"].field_id != data["field"].pk:
            self.add_error("part", _("This part belongs to another field."))
        return data


class TieForm(RestrictedChoicesForm, forms.ModelForm):
    to_person = forms.ModelChoiceField(
        queryset=Person.objects.none(), label=_("With"),
        error_messages={"invalid_choice": _("Choose someone of the same unit.")})

    class Meta:
        model = Tie
        fields = ["to_person", "kind", "note"]

    def __init__(self, *args, user, person: Person, **kwargs):
        super().__init__(*args, instance=Tie(from_person=person), **kwargs)
        model_choice(self.fields["to_person"]).queryset = (Person.objects.restrict(user, "add")
                                             .filter(unit=person.unit).exclude(pk=person.pk))


# --- assessment ---

class AssessForm(RestrictedChoicesForm, forms.Form):
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, choices=())
    assessed_on = LocalizedDateField(label=_("Assessed on"), initial=_today,
                                     validators=[not_in_future])
    note = forms.CharField(label=_("Note (stored encrypted)"), max_length=500, required=False)

    def __init__(self, *args, scale: list[AssessmentLevel], **kwargs):
        super().__init__(*args, **kwargs)
        level = self.fields["level"]
        assert isinstance(level, forms.ChoiceField)  # declared above
        level.choices = [(lv.value, f"{lv.value} {lv.shown_label}") for lv in scale]
        level.error_messages["invalid_choice"] = _(
            "%(value)s is outside the scale of this organization.")
        level.error_messages["required"] = _("Tap one of the levels.")


# --- activities ---

class OneToOneForm(RestrictedChoicesForm, forms.Form):
    """After a talk at the gate or a phone call: six inputs at most."""

    contact = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Contact"),
                                     error_messages={"invalid_choice": NOT_A_CONTACT})
    member = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Member"),
                                    required=False,
                                    error_messages={"invalid_choice": NOT_A_MEMBER})
    date = LocalizedDateField(label=_("Date"), initial=_today, validators=[not_in_future])
    outcome = forms.CharField(label=_("Outcome (stored encrypted)"), max_length=300,
                              required=False)
    follow_up_on = LocalizedDateField(label=_("Follow up on"), required=False)
    notes = forms.CharField(label=_("Notes (stored encrypted)"), max_length=4000,
                            required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, field: Field, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self.fields["contact"]).queryset = contact_people(user, field=field)
        members = members_of(user, field.unit)
        model_choice(self.fields["member"]).queryset = members
        if not holds_records(user, field.unit):
            # A member records in their own name: themselves, already chosen.
            self.fields["member"].initial = members.first()

    def clean(self):
        data = super().clean()
        if (data.get("date") and data.get("follow_up_on")
                and data["follow_up_on"] < data["date"]):
            self.add_error("follow_up_on", _("The follow-up cannot be before the activity."))
        return data


class ActivityForm(RestrictedChoicesForm, forms.ModelForm):
    # Outcome and notes are sealed columns (no model form fields): the action seals them.
    outcome = forms.CharField(label=_("Outcome (stored encrypted)"), max_length=300,
                              required=False)
    notes = forms.CharField(label=_("Notes (stored encrypted)"), max_length=4000,
                            required=False, widget=forms.Textarea(attrs={"rows": 3}))
    field_order = ["kind", "field", "date", "quantity", "members", "contacts", "outcome",
                   "follow_up_on", "notes"]

    class Meta:
        model = Activity
        fields = ["kind", "field", "date", "quantity", "members", "contacts", "follow_up_on"]
        field_classes = {"date": LocalizedDateField, "follow_up_on": LocalizedDateField}
        help_texts = {"quantity": _("Only for a distribution: how many leaflets, papers …")}

    def __init__(self, *args, user, unit: Unit, **kwargs):
        # A model form takes initial values from its (new) instance: the date is given here.
        kwargs["initial"] = {"date": _today(), **kwargs.get("initial", {})}
        super().__init__(*args, instance=Activity(unit=unit), **kwargs)
        self.fields["date"].validators.append(not_in_future)
        action = "add" if holds_records(user, unit) else "view"
        self.fields["field"] = _choice(fields_for(user, action=action).filter(unit=unit),
                                       _("Field"), NOT_A_FIELD, required=False)
        self.fields["members"] = _choice(members_of(user, unit), _("Members taking part"),
                                         NOT_A_MEMBER, required=False, multiple=True,
                                         checkboxes=True)
        # Every contact of the unit, mapped in a field or not yet.
        contacts = Person.objects.restrict(user, action).filter(unit=unit,
                                                                kind=Person.Kind.CONTACT)
        self.fields["contacts"] = _choice(contacts, _("Contacts reached"), NOT_A_CONTACT,
                                          required=False, multiple=True, checkboxes=True)

    def plain_data(self) -> dict:
        return {n: self.cleaned_data[n] for n in ("kind", "field", "date", "quantity",
                                                   "outcome", "follow_up_on")}


# --- structure tests ---

class StructureTestForm(RestrictedChoicesForm, forms.ModelForm):
    class Meta:
        model = StructureTest
        fields = ["kind", "title", "held_on"]
        field_classes = {"held_on": LocalizedDateField}

    def __init__(self, *args, field: Field, **kwargs):
        kwargs["initial"] = {"held_on": _today(), **kwargs.get("initial", {})}
        super().__init__(*args, instance=StructureTest(field=field), **kwargs)


class ParticipationForm(RestrictedChoicesForm, forms.Form):
    people = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(), required=False, label=_("Took part"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_A_CONTACT, "invalid_pk_value": NOT_A_CONTACT})

    def __init__(self, *args, user, test: StructureTest, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self.fields["people"]).queryset = contact_people(user, field=test.field)


# --- the pulse ---

class MoodForm(RestrictedChoicesForm, forms.ModelForm):
    class Meta:
        model = MoodReading
        fields = ["value", "taken_on", "note"]
        field_classes = {"taken_on": LocalizedDateField}
        widgets = {"value": forms.RadioSelect}

    def __init__(self, *args, field: Field, **kwargs):
        kwargs["initial"] = {"taken_on": _today(), **kwargs.get("initial", {})}
        super().__init__(*args, instance=MoodReading(field=field), **kwargs)


class DemandRaiseForm(RestrictedChoicesForm, forms.Form):
    demand = forms.ModelChoiceField(
        queryset=Demand.objects.none(), label=_("Demand"),
        error_messages={"invalid_choice": _("Choose one of the demands of the catalogue.")})
    raised_on = LocalizedDateField(label=_("Raised on"), initial=_today,
                                   validators=[not_in_future])
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, user, organization_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self.fields["demand"]).queryset = Demand.objects.restrict(user).filter(
            organization_id=organization_id, retired=False)


class StruggleForm(RestrictedChoicesForm, forms.ModelForm):
    class Meta:
        model = Struggle
        fields = ["kind", "started_on", "ended_on", "participants", "involvement", "demands",
                  "outcome"]
        field_classes = {"started_on": LocalizedDateField, "ended_on": LocalizedDateField}
        widgets = {"demands": forms.CheckboxSelectMultiple,
                   "outcome": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, field: Field, **kwargs):
        super().__init__(*args, instance=Struggle(field=field), **kwargs)
        model_choice(self.fields["demands"]).queryset = Demand.objects.restrict(user).filter(
            organization_id=field.unit.organization_id, retired=False)
        self.fields["demands"].error_messages["invalid_choice"] = _(
            "Choose demands of the catalogue only.")

    def plain_data(self) -> dict:
        return {n: v for n, v in self.cleaned_data.items() if n != "demands"}


# --- per organization ---

class MassOrganizationForm(RestrictedChoicesForm, forms.ModelForm):
    class Meta:
        model = MassOrganization
        fields = ["name", "kind", "orientation", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, instance=MassOrganization(organization=organization), **kwargs)


class SettingsForm(RestrictedChoicesForm, forms.ModelForm):
    class Meta:
        model = FieldworkSettings
        fields = ["majority_percent", "supermajority_percent", "supportive_max_value",
                  "stale_days"]


class ColourInput(forms.TextInput):
    input_type = "color"


class LevelForm(RestrictedChoicesForm, forms.Form):
    """One existing level: relabel, recolour, reorder, retire (its value never changes)."""

    id = forms.IntegerField(widget=forms.HiddenInput)
    label = forms.CharField(label=_("Label"), max_length=80)
    colour = forms.RegexField(label=_("Colour"), regex=r"^#[0-9a-fA-F]{6}$", widget=ColourInput,
                              error_messages={"invalid": _("A colour is written #rrggbb.")})
    position = forms.IntegerField(label=_("Order"), min_value=-999, max_value=999)
    retired = forms.BooleanField(label=_("Retired"), required=False)


LevelFormSet = forms.formset_factory(LevelForm, extra=0)


class NewLevelForm(RestrictedChoicesForm, forms.Form):
    value = forms.IntegerField(label=_("Value"), required=False, min_value=-99, max_value=99)
    label = forms.CharField(label=_("Label"), max_length=80, required=False)
    colour = forms.RegexField(label=_("Colour"), regex=r"^#[0-9a-fA-F]{6}$", required=False,
                              initial="#bdbdbd", widget=ColourInput,
                              error_messages={"invalid": _("A colour is written #rrggbb.")})
    position = forms.IntegerField(label=_("Order"), required=False, min_value=-999,
                                  max_value=999)

    def clean(self):
        data = super().clean()
        if data.get("value") is None and not data.get("label"):
            return data  # nothing to add
        if data.get("value") is None:
            self.add_error("value", _("Give the new level a value."))
        if not data.get("label"):
            self.add_error("label", _("Give the new level a label."))
        if not data.get("colour"):
            self.add_error("colour", _("Give the new level a colour."))
        return data

    def wanted(self) -> bool:
        return self.cleaned_data.get("value") is not None


# --- CSV import ---

class ImportUploadForm(RestrictedChoicesForm, forms.Form):
    file = forms.FileField(label=_("CSV file"),
                           help_text=_("UTF-8, with a header row. Nothing is saved before you "
                                       "confirm the preview."))

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 1 MB: split it."), code="size")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text: save it as “CSV UTF-8”."),
                                  code="encoding") from None


ATTRIBUTE_LABELS = {
    "alias": _("Alias"), "part": _("Part"), "job": _("Job"), "leader": _("Natural leader"),
    "tags": _("Tags"), "union": _("Union or association"), "legal_name": _("Legal name"),
    "phone": _("Phone"), "email": _("Email"), "address": _("Address"),
    "assessment": _("Assessment (a value of the scale)"),
    "assessed_on": _("Assessed on (YYYY-MM-DD)"),
}
# Header names that mean an attribute, besides the attribute's own name.
SYNONYMS = {"name": "alias", "department": "part", "dept": "part", "shift": "part",
            "level": "assessment", "mobile": "phone", "tel": "phone", "e-mail": "email"}


def guess_attribute(column: str) -> str:
    key = column.strip().casefold().replace(" ", "_")
    if key in ATTRIBUTES:
        return key
    return SYNONYMS.get(key.replace("_", " "), SYNONYMS.get(key, ""))


class ImportMappingForm(RestrictedChoicesForm, forms.Form):
    """The uploaded text travels in a hidden field between the steps (never to disk); one
    select per column of the header says which attribute it holds."""

    text = forms.CharField(widget=forms.HiddenInput, strip=False,
                           max_length=MAX_UPLOAD_BYTES * 2)

    def __init__(self, *args, header: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.header = header
        choices = [("", _("— ignore —")), *((a, ATTRIBUTE_LABELS[a]) for a in ATTRIBUTES)]
        for i, column in enumerate(header):
            self.fields[f"column_{i}"] = forms.ChoiceField(
                label=column or _("(column %(n)s)") % {"n": i + 1}, choices=choices,
                required=False, initial=guess_attribute(column),
                error_messages={"invalid_choice": _("Choose one of the listed attributes.")})

    def column_fields(self) -> list[forms.BoundField]:
        return [self[f"column_{i}"] for i in range(len(self.header))]

    def mapping(self) -> dict[str, str]:
        return {column: self.cleaned_data[f"column_{i}"] for i, column in enumerate(self.header)
                if self.cleaned_data.get(f"column_{i}")}

    def clean(self):
        data = super().clean()
        if not self.errors and "alias" not in self.mapping().values():
            raise ValidationError(_("Say which column holds the alias."), code="alias")
        return data


def profile_initial(profile: ContactProfile | None) -> dict:
    if profile is None:
        return {}
    return {"field": profile.field_id, "part": profile.part_id, "job": profile.job,
            "union": profile.union_id, "leader": profile.leader, "tags": profile.tags}
