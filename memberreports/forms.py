"""Forms of member reports: the report a member organization sends (with its photos and
videos) and the office's review. Choices are narrowed here, then restricted to what the user
may see (``RestrictedChoicesForm``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm
from campaigns.models import Campaign, Component
from memberreports.models import SentReport
from memberreports.rights import SENDING_STATUSES, organizations_acting_for
from nucleus.calendars import LocalizedDateField
from organizations.models import Organization


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the content is checked by the action, not here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={
            "accept": "image/jpeg,image/png,image/webp,video/mp4,video/webm"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class ReportForm(RestrictedChoicesForm, forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(),
                                          label=_("Sent by"))
    component = forms.ModelChoiceField(queryset=Component.objects.none(), required=False,
                                       label=_("Component"))
    text = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 8}),
                           max_length=20_000,
                           help_text=_("What was done. Name no person: the report goes to the "
                                       "coalition, and may be published."))
    date = LocalizedDateField(label=_("Date"))
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.CharField(label=_("Country"), max_length=100)
    signed_as = forms.CharField(label=_("Signed as"), max_length=120, required=False,
                                help_text=_("Leave empty to sign with the organization's "
                                            "name only."))
    uploads = MultipleFileField(label=_("Photos and videos"), required=False, help_text=_(
        "Their metadata (place, device, time) is removed and faces are blurred before "
        "anything is stored."))

    def __init__(self, *args: Any, user: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organizations_acting_for(user).filter(
            coalition_memberships__coalition=campaign.coalition,
            coalition_memberships__status__in=SENDING_STATUSES).distinct()
        component = self.fields["component"]
        assert isinstance(component, forms.ModelChoiceField)
        component.queryset = campaign.components.all()


class ReviewForm(RestrictedChoicesForm, forms.Form):
    status = forms.ChoiceField(label=_("Decision"), choices=[
        (SentReport.Status.ACCEPTED, _("Accept")),
        (SentReport.Status.CHANGES, _("Ask for changes")),
        (SentReport.Status.REJECTED, _("Reject"))])
    note = forms.CharField(label=_("Note to the organization"), required=False,
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
