"""Forms of freezing and unfreezing accounts. Writes happen in safety.actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm


class FreezeForm(RestrictedChoicesForm, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the freeze and shown to the secretaries who may see it. Write "
                    "nothing that identifies the member."))


class UnfreezeForm(RestrictedChoicesForm, forms.Form):
    new_password1 = forms.CharField(
        label=_("New password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html())
    new_password2 = forms.CharField(
        label=_("New password again"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args: Any, account: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.account = account

    def clean_new_password2(self) -> str:
        first = self.cleaned_data.get("new_password1")
        second: str = self.cleaned_data["new_password2"]
        if first and first != second:
            raise forms.ValidationError(_("The two passwords differ."), code="mismatch")
        validate_password(second, self.account)
        return second
