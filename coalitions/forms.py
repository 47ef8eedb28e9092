"""Forms of the coalitions pages. Writes happen in coalitions.actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm, model_choice
from coalitions.models import AdoptionRule, Answer, CoalitionResolution, ResolutionText
from nucleus.calendars import LocalizedDateField
from organizations.models import Organization

POINTS_HELP = _("One point per line, in their order; leave empty if the text has none.")


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ResolutionForm(RestrictedChoicesForm, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CoalitionResolution.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    language = forms.CharField(label=_("Language of the original"), max_length=10,
                               initial="en")
    body = forms.CharField(label=_("Text"), widget=forms.Textarea)
    points = forms.CharField(label=_("Numbered points"), required=False,
                             widget=forms.Textarea, help_text=POINTS_HELP)


class ProposalDraftForm(ResolutionForm):
    """A proposal drafted inside the organization (``ProposalDraft``), edited until sent."""

    signed_as = forms.CharField(
        label=_("Signed with a name"), max_length=200, required=False,
        help_text=_("Leave empty: the coalition sees only the organization."))


class ProposalForm(ProposalDraftForm):
    organization = forms.ModelChoiceField(label=_("For the organization"),
                                          queryset=Organization.objects.none())

    field_order = ["organization"]

    def __init__(self, *args: Any, user: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self.fields["organization"]).queryset = organizations


class SendProposalForm(RestrictedChoicesForm, forms.Form):
    """The confirmation of sending a draft: nothing to fill in."""


class TextForm(RestrictedChoicesForm, forms.Form):
    language = forms.CharField(label=_("Language"), max_length=10)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    translation_status = forms.ChoiceField(label=_("Translation"),
                                           choices=ResolutionText.Translation.choices)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea)
    points = forms.CharField(label=_("Numbered points"), required=False,
                             widget=forms.Textarea, help_text=POINTS_HELP)


class CirculateForm(RestrictedChoicesForm, forms.Form):
    deadline = LocalizedDateField(label=_("Deadline for answers"))
    organizations = forms.ModelMultipleChoiceField(
        label=_("Only these organizations"), queryset=Organization.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every member organization is asked."))

    def __init__(self, *args: Any, user: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self.fields["organizations"]).queryset = members


class AnswerForm(RestrictedChoicesForm, forms.Form):
    organization = forms.ModelChoiceField(label=_("For the organization"),
                                          queryset=Organization.objects.none())
    vote = forms.ChoiceField(label=_("Answer"), choices=Answer.Vote.choices,
                             widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)
    signed_as = forms.CharField(
        label=_("Signed with a name"), max_length=200, required=False,
        help_text=_("Leave empty: the coalition sees only the organization."))

    def __init__(self, *args: Any, user: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self.fields["organization"]).queryset = organizations


class WrittenAnswerForm(RestrictedChoicesForm, forms.Form):
    organization = forms.ModelChoiceField(label=_("Answer received from"),
                                          queryset=Organization.objects.none())
    vote = forms.ChoiceField(label=_("Answer"), choices=Answer.Vote.choices,
                             widget=forms.RadioSelect)
    received_on = LocalizedDateField(label=_("Dated"))
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, user: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self.fields["organization"]).queryset = organizations


class SignForm(RestrictedChoicesForm, forms.Form):
    organization = forms.ModelChoiceField(label=_("Organization signing"),
                                          queryset=Organization.objects.none())
    signed_on = LocalizedDateField(label=_("Signed on"), required=False,
                                   help_text=_("For a signature received in writing; "
                                               "otherwise today."))

    def __init__(self, *args: Any, user: Any, organizations: Any, office: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self.fields["organization"]).queryset = organizations
        if not office:
            del self.fields["signed_on"]


class AdoptionRuleForm(RestrictedChoicesForm, forms.ModelForm):
    class Meta:
        model = AdoptionRule
        fields = ["kind", "approvals", "share_percent"]


class SignatoryListForm(RestrictedChoicesForm, forms.Form):
    text = forms.CharField(
        label=_("Signatory list"), widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_('Numbered lines "1. ACRONYM   Native name (English name), Country"; '
                    'unnumbered lines after "Subsequent signatories:".'))
