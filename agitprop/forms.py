"""Forms of the agitation and propaganda pages; every choice is narrowed to the unit and its
field, then restricted to what the user may see (``RestrictedChoicesForm``)."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm, model_choice
from agitprop.models import Material
from fieldwork.forms import NOT_A_CONTACT, NOT_A_MEMBER, NOT_A_PART, contact_people, members_of
from fieldwork.forms import not_in_future as _not_in_future
from fieldwork.models import Field, FieldPart
from nucleus.calendars import LocalizedDateField
from people.models import Person
from publications.models import Issue, Periodical

#: Issues offered for a distribution: those of the last year (older ones are not handed out).
ISSUES_SINCE_DAYS = 365
NOT_OFFERED = _("Choose one of the options offered here.")


def _today():
    return timezone.localdate()


class MaterialForm(RestrictedChoicesForm, forms.ModelForm):
    class Meta:
        model = Material
        fields = ["kind", "title"]


class DistributionForm(RestrictedChoicesForm, forms.Form):
    issue = forms.ModelChoiceField(queryset=Issue.objects.none(), required=False,
                                   label=_("Issue of a periodical"),
                                   error_messages={"invalid_choice": NOT_OFFERED})
    material = forms.ModelChoiceField(queryset=Material.objects.none(), required=False,
                                      label=_("Or a material of the unit"),
                                      error_messages={"invalid_choice": NOT_OFFERED})
    quantity = forms.IntegerField(label=_("Copies distributed"), min_value=1,
                                  max_value=1_000_000)
    distributed_on = LocalizedDateField(label=_("Date"), initial=_today,
                                        validators=[_not_in_future])
    part = forms.ModelChoiceField(queryset=FieldPart.objects.none(), required=False,
                                  label=_("Part of the field"),
                                  error_messages={"invalid_choice": NOT_A_PART})
    members = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(), required=False, label=_("Members"),
        error_messages={"invalid_choice": NOT_A_MEMBER, "invalid_pk_value": NOT_A_MEMBER})
    contacts = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(), required=False,
        label=_("Contacts who read or pass it on"),
        error_messages={"invalid_choice": NOT_A_CONTACT, "invalid_pk_value": NOT_A_CONTACT})

    choice_actions = {"members": "add"}

    def __init__(self, *args, user, field: Field, **kwargs):
        super().__init__(*args, **kwargs)
        since = timezone.localdate() - timedelta(days=ISSUES_SINCE_DAYS)
        model_choice(self.fields["issue"]).queryset = Issue.objects.filter(
            edition__periodical__organization_id=field.unit.organization_id,
            published_on__gte=since).select_related("edition__periodical").order_by(
            "edition__periodical__title", "-published_on")
        model_choice(self.fields["material"]).queryset = Material.objects.filter(
            unit=field.unit)
        model_choice(self.fields["part"]).queryset = FieldPart.objects.filter(field=field)
        model_choice(self.fields["members"]).queryset = members_of(user, field.unit)
        model_choice(self.fields["contacts"]).queryset = contact_people(user, field=field)

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("issue")) == bool(data.get("material")):
            raise ValidationError(_("Choose an issue or a material of the unit, one of them."))
        return data


class CorrespondenceForm(RestrictedChoicesForm, forms.Form):
    periodical = forms.ModelChoiceField(queryset=Periodical.objects.none(),
                                        label=_("For the periodical"),
                                        error_messages={"invalid_choice": NOT_OFFERED})
    pen_name = forms.CharField(
        label=_("Pen name"), max_length=120,
        help_text=_("Never your name or alias: the editors see only the pen name."))
    written_on = LocalizedDateField(label=_("Date"), initial=_today,
                                    validators=[_not_in_future])
    text = forms.CharField(label=_("Text"), max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 12}),
                           help_text=_("Written for publication: name no one."))

    def __init__(self, *args, user, field: Field, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self.fields["periodical"]).queryset = Periodical.objects.filter(
            organization_id=field.unit.organization_id)
