"""Forms of the deployment pages. They validate input and limit choices with the access layer;
writes happen in deployment.actions."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm, model_choice
from deployment import services
from deployment.actions import EDIT_OPS
from deployment.location import LOCATION_PARTS
from deployment.models import (
    HOURS_IN_A_WEEK,
    Area,
    FieldNeed,
    MemberCapacity,
    Skill,
    check_languages,
    split_list,
)
from fieldwork.models import Field, Struggle
from nucleus.calendars import LocalizedDateField
from organizations.models import Unit
from people.models import Person

NEGATIVE_HOURS = _("Hours cannot be negative.")


def _hours(label, *, required: bool = True, minimum: Decimal = Decimal("0"),
           help_text: str = "") -> forms.DecimalField:
    field = forms.DecimalField(label=label, required=required, max_digits=5, decimal_places=2,
                               max_value=HOURS_IN_A_WEEK, help_text=help_text)
    field.validators.append(_at_least(minimum))
    return field


def _at_least(minimum: Decimal):
    def check(value):
        if value is not None and value < minimum:
            raise ValidationError(NEGATIVE_HOURS if minimum == 0 else _(
                "Must be at least %(min)s.") % {"min": minimum}, code="min_value")
    return check


def _coordinate(label, limit: int) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=9, decimal_places=6,
                              min_value=-limit, max_value=limit)


def _area_choice(field: forms.Field, user, organization_id: int) -> None:
    model_choice(field).queryset = Area.objects.restrict(user).filter(
        organization_id=organization_id).order_by("name")


def _skills(label) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label, required=False, choices=Skill.choices,
                                     widget=forms.CheckboxSelectMultiple)


def _valid_languages(text: str) -> None:
    check_languages(text)  # as a validator: raises, and what it returns is not kept


def _languages(label) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=100,
                           validators=[_valid_languages],
                           help_text=_("Language codes, comma separated (fa, en, ku)."))


def _limit_and_stability(form: forms.Form) -> None:
    form.fields["time_limit_s"] = forms.FloatField(
        label=_("Time limit (seconds)"), initial=services.DEFAULT_TIME_LIMIT_S,
        help_text=_("How long the planner may search. It stops then and says how far its "
                    "plan may still be from the best one."))
    form.fields["stability_weight"] = forms.FloatField(
        label=_("Stability weight"), initial=services.DEFAULT_STABILITY_WEIGHT,
        help_text=_("How much to prefer keeping people where they already work. 0: move "
                    "anyone freely."))


def _clean_options(form: forms.Form) -> None:
    limit = form.cleaned_data.get("time_limit_s")
    if limit is not None and not 0 < limit <= services.MAX_TIME_LIMIT_S:
        form.add_error("time_limit_s", _("The time limit must be more than 0 and at most "
                                         "%(max)s seconds.") % {
                                             "max": f"{services.MAX_TIME_LIMIT_S:g}"})
    stability = form.cleaned_data.get("stability_weight")
    if stability is not None and stability < 0:
        form.add_error("stability_weight", _("The stability weight cannot be negative."))


KEEPS = _("Stored encrypted; leave empty to keep what is recorded.")


class AreaForm(RestrictedChoicesForm, forms.Form):
    """An area of the organization and its public reference point (a town's centre, a
    zone's gate): a fact about a place, never about a person."""

    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=Area.Kind.choices)
    latitude = _coordinate(_("Latitude of the reference point"), 90)
    longitude = _coordinate(_("Longitude of the reference point"), 180)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["latitude"].help_text = _(
            "A public place, such as the town centre or the zone's gate: never where a "
            "member lives.")


class CapacityForm(RestrictedChoicesForm, forms.Form):
    """The member's area and the notes are sealed: the form never shows them (that is an
    audited reveal of its own), an empty input keeps what is recorded and a tick clears it.
    Nobody types coordinates: the member chooses an area of the organization."""

    hours_per_week = _hours(_("Hours per week"))
    skills = _skills(_("Skills"))
    languages = _languages(_("Languages"))
    area = forms.ModelChoiceField(
        label=_("Area"), required=False, queryset=Area.objects.none(),
        help_text=_("Where the member is found, as a district, town or zone. Stored "
                    "encrypted; leave empty to keep what is recorded. Coordinates recorded "
                    "before areas are kept until an area is chosen."))
    clear_location = forms.BooleanField(label=_("Forget the area"), required=False)
    max_distance_km = forms.DecimalField(label=_("How far they can travel (km)"),
                                         required=False, max_digits=7, decimal_places=2,
                                         help_text=_("Empty: no limit."))
    excluded_fields = forms.ModelMultipleChoiceField(
        label=_("Fields to keep away from"), required=False, queryset=Field.objects.none(),
        help_text=_("Where the member would be exposed, such as their own workplace."))
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea,
                            max_length=4000, help_text=KEEPS)
    clear_notes = forms.BooleanField(label=_("Forget the notes"), required=False)

    def __init__(self, *args, user, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["max_distance_km"].validators.append(_not_negative_distance)
        _area_choice(self.fields["area"], user, person.unit.organization_id)
        model_choice(self.fields["excluded_fields"]).queryset = (
            Field.objects.restrict(user).filter(unit__organization_id=person.unit.organization_id)
            .select_related("unit").order_by("name"))

    @staticmethod
    def initial_for(capacity: MemberCapacity | None) -> dict:
        """The plain values only: sealed ones are never put into the page."""
        if capacity is None:
            return {}
        return {"hours_per_week": capacity.hours_per_week, "skills": split_list(capacity.skills),
                "languages": capacity.languages, "max_distance_km": capacity.max_distance_km,
                "excluded_fields": list(capacity.excluded_fields.all())}

    def data_for_action(self) -> tuple[dict, list[Field]]:
        """Plain values, and of the sealed ones only those entered or cleared: what is left
        out stays as recorded (do_set_capacity)."""
        data = dict(self.cleaned_data)
        excluded = list(data.pop("excluded_fields"))
        data["skills"] = ", ".join(data["skills"])
        if data.pop("clear_location"):
            # Forgetting the area forgets any coordinates recorded before areas too.
            data.update(dict.fromkeys((*LOCATION_PARTS, "area")))
        elif data["area"] is None:
            del data["area"]
        if data.pop("clear_notes"):
            data["notes"] = ""
        elif not data["notes"]:
            del data["notes"]
        return data, excluded


def _not_negative_distance(value):
    if value is not None and value < 0:
        raise ValidationError(_("The farthest distance cannot be negative."), code="min_value")


class NeedForm(RestrictedChoicesForm, forms.Form):
    min_team = forms.IntegerField(
        label=_("Smallest team"), min_value=0, initial=FieldNeed._meta.get_field(
            "min_team").default,
        help_text=_("0: one member is enough. k: either nobody or at least k members."))
    max_team = forms.IntegerField(label=_("Largest team"), min_value=1)
    hours_per_member = _hours(_("Hours per member per week"), minimum=Decimal("0.25"))
    required_skills = _skills(_("Required skills"))
    required_languages = _languages(_("Required languages"))
    area = forms.ModelChoiceField(
        label=_("Area"), required=False, queryset=Area.objects.none(),
        help_text=_("The district, town or zone the field is in: the planner measures "
                    "distances from it."))

    def __init__(self, *args, may_set_weight: bool, user, field: Field, **kwargs):
        super().__init__(*args, **kwargs)
        _area_choice(self.fields["area"], user, field.unit.organization_id)
        if may_set_weight:
            self.fields["weight_source"] = forms.ChoiceField(
                label=_("Weight taken from"), choices=FieldNeed.WeightSource.choices,
                help_text=_("Set by the responsible committee."))
            self.fields["weight"] = forms.DecimalField(
                label=_("Own weight"), required=False, min_value=0, max_digits=8,
                decimal_places=3)

    @staticmethod
    def initial_for(field: Field) -> dict:
        need = services.need_of(field)
        return {"min_team": need.min_team, "max_team": need.max_team,
                "hours_per_member": need.hours_per_member,
                "required_skills": sorted(need.skills),
                "required_languages": ", ".join(sorted(need.languages)),
                "weight_source": need.weight_source, "weight": need.own_weight,
                "area": need.area}

    def clean(self):
        data = super().clean()
        low, high = data.get("min_team"), data.get("max_team")
        if low is not None and high is not None and low > high:
            self.add_error("max_team", _("The largest team (%(max)s) cannot be smaller than "
                                         "the smallest team (%(min)s).") % {"max": high,
                                                                           "min": low})
        return data

    def data_for_action(self) -> dict:
        data = dict(self.cleaned_data)
        data["required_skills"] = ", ".join(data["required_skills"])
        return data


class PlanForm(RestrictedChoicesForm, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_and_stability(self)

    def clean(self):
        data = super().clean()
        _clean_options(self)
        return data


class TeamForm(RestrictedChoicesForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    struggle = forms.ModelChoiceField(label=_("Struggle"), required=False,
                                      queryset=Struggle.objects.none())
    needed_members = forms.IntegerField(label=_("Members needed"), min_value=1)
    hours_per_member = _hours(_("Hours per member per week"), minimum=Decimal("0.25"))
    max_member_hours = forms.DecimalField(
        label=_("Most member-hours a week taken from the basic organizations"), max_digits=7,
        decimal_places=2,
        help_text=_("The team may not take more than this from the basic organizations: "
                    "members needed × hours per member must stay within it."))
    start_date = LocalizedDateField(label=_("From"))
    end_date = LocalizedDateField(label=_("Until"))
    required_skills = _skills(_("Required skills"))
    required_languages = _languages(_("Required languages"))

    def __init__(self, *args, user, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self.fields["struggle"]).queryset = (
            Struggle.objects.restrict(user).filter(field__unit__path__startswith=unit.path)
            .select_related("field").order_by("-started_on"))
        # A per-form label: Django calls the field's label_from_instance(obj).
        model_choice(self.fields["struggle"]).label_from_instance = (  # type: ignore[method-assign]
            lambda obj: f"{obj.field.name}: {obj.get_kind_display()} "
                        f"({obj.started_on.isoformat()})")
        _limit_and_stability(self)

    def clean(self):
        data = super().clean()
        _clean_options(self)
        k, h, cap = (data.get("needed_members"), data.get("hours_per_member"),
                     data.get("max_member_hours"))
        if k and h and cap is not None and k * h > cap:
            self.add_error("max_member_hours", _(
                "Cap on member-hours taken from the basic organizations: %(k)s members × "
                "%(h)s hours = %(total)s member-hours a week, more than the %(cap)s allowed.")
                % {"k": k, "h": f"{h:g}", "total": f"{k * h:g}", "cap": f"{cap:g}"})
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("A team cannot end before it starts."))
        return data

    def data_for_action(self) -> tuple[dict, float, float]:
        data = dict(self.cleaned_data)
        limit, stability = data.pop("time_limit_s"), data.pop("stability_weight")
        data["required_skills"] = ", ".join(data["required_skills"])
        return data, limit, stability


TeamForm.base_fields["max_member_hours"].validators.append(_at_least(Decimal("0.25")))


class EditForm(RestrictedChoicesForm, forms.Form):
    op = forms.ChoiceField(choices=[(op, op) for op in EDIT_OPS])
    field = forms.IntegerField()
    member = forms.IntegerField(required=False)


class ApplyForm(RestrictedChoicesForm, forms.Form):
    revision = forms.IntegerField(min_value=0)
