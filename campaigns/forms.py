"""Forms of the campaign pages. Every choice is restricted to what the user may see
(``RestrictedChoicesForm``); the organizations a member may act for come from
``coalitions.rights.organizations_acting_for``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm, model_choice
from campaigns.models import Campaign, Component, Material
from coalitions.models import CoalitionResolution
from nucleus.calendars import LocalizedDateField
from organizations.models import Organization

NOT_OFFERED = _("Choose one of the options offered here.")


class CampaignForm(RestrictedChoicesForm, forms.ModelForm):
    starts_on = LocalizedDateField(label=_("Start"))
    ends_on = LocalizedDateField(label=_("End"), required=False)

    class Meta:
        model = Campaign
        fields = ["title", "resolution", "description", "language", "starts_on", "ends_on"]
        error_messages = {"resolution": {"invalid_choice": NOT_OFFERED}}

    def __init__(self, *args, user, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        resolutions = model_choice(self.fields["resolution"])
        resolutions.queryset = CoalitionResolution.objects.filter(coalition=coalition)
        resolutions.required = False
        if self.instance.coalition_id is None:  # the model's checks compare coalitions
            self.instance.coalition = coalition


class ComponentForm(RestrictedChoicesForm, forms.ModelForm):
    class Meta:
        model = Component
        fields = ["title", "description"]


class DayOfActionForm(RestrictedChoicesForm, forms.Form):
    window_text = forms.CharField(label=_("Window in words"), max_length=200, required=False,
                                  help_text=_("For example: end of November, beginning of "
                                              "December. Leave empty for a fixed date."))
    starts_on = LocalizedDateField(label=_("From"))
    ends_on = LocalizedDateField(label=_("To"), required=False,
                                 help_text=_("Empty for a fixed date."))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class MaterialForm(RestrictedChoicesForm, forms.ModelForm):
    file = forms.FileField(label=_("File"), help_text=_(
        "PDF without document properties, image, song (MP3, Ogg, Opus) or plain text. Images "
        "are stored without their metadata, MP3 files without their tags; Ogg files are "
        "stored as they are."))

    class Meta:
        model = Material
        fields = ["title", "kind", "language", "public"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.NUCLEUS_MATERIAL_MAX_BYTES
        if upload.size > limit:  # before reading it into memory
            raise ValidationError(_("The file is larger than %(limit)s.")
                                  % {"limit": filesizeformat(limit)})
        return upload


class _SentForm(RestrictedChoicesForm, forms.Form):
    """Sent to the coalition on behalf of an organization the user acts for."""

    organization: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=Organization.objects.none(), label=_("On behalf of"),
                                          error_messages={"invalid_choice": NOT_OFFERED})
    signed_as = forms.CharField(label=_("Sign with a name (optional)"), max_length=120,
                                required=False, help_text=_(
                                    "Empty: the coalition sees only the organization."))

    def __init__(self, *args, user, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self.fields["organization"]).queryset = organizations
        if organizations.count() == 1:
            self.fields["organization"].initial = organizations.first()


class UptakeForm(_SentForm):
    components = forms.ModelMultipleChoiceField(
        queryset=Component.objects.none(), label=_("Components you take up"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_OFFERED, "invalid_pk_value": NOT_OFFERED})
    field_order = ["organization", "components", "signed_as"]

    def __init__(self, *args, user, organizations, campaign: Campaign, **kwargs):
        super().__init__(*args, user=user, organizations=organizations, **kwargs)
        model_choice(self.fields["components"]).queryset = campaign.components.order_by(
            "number")


class AnnouncementForm(_SentForm):
    component = forms.ModelChoiceField(queryset=Component.objects.none(), required=False,
                                       label=_("Component"),
                                       error_messages={"invalid_choice": NOT_OFFERED})
    what = forms.CharField(label=_("What"), max_length=300, help_text=_(
        "The action, not who takes part: never write a person's name here."))
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.CharField(label=_("Country"), max_length=100)
    date = LocalizedDateField(label=_("Date"))
    field_order = ["organization", "component", "what", "city", "country", "date", "signed_as"]

    def __init__(self, *args, user, organizations, campaign: Campaign, **kwargs):
        super().__init__(*args, user=user, organizations=organizations, **kwargs)
        model_choice(self.fields["component"]).queryset = campaign.components.order_by(
            "number")

    def announcement_data(self) -> dict:
        return {name: self.cleaned_data[name]
                for name in ("component", "what", "city", "country", "date", "signed_as")}

