"""The committee's question and the cell's answer (no model choices: nothing to restrict)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm
from nucleus.calendars import LocalizedDateField
from stoppages.actions import ANSWER_WITHIN_DAYS
from stoppages.models import StoppedField


class AskForm(RestrictedChoicesForm, forms.Form):
    due_on = LocalizedDateField(label=_("Answer by"), initial=lambda: timezone.localdate()
                                + timedelta(days=ANSWER_WITHIN_DAYS))


class ReasonForm(RestrictedChoicesForm, forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=StoppedField.Reason.choices,
                               widget=forms.RadioSelect)
    reason_text = forms.CharField(label=_("In a few words"), max_length=300, required=False,
                                  help_text=_("Name no one: the committee above reads this."))
    restart_plan = forms.CharField(label=_("Restart plan"), max_length=1000, required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    restart_on = LocalizedDateField(label=_("Restart on"), required=False)

    def answer(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["reason_text"] = data["reason_text"].strip()
        data["restart_plan"] = data["restart_plan"].strip()
        return data
