"""The code forms of the second factor."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm


class CodeForm(RestrictedChoicesForm, forms.Form):
    """One code: six digits from the app, or a recovery code where the page accepts one."""

    code = forms.CharField(
        label=_("Code"), max_length=32, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True,
                                      "autocapitalize": "none", "spellcheck": "false"}))


class PasskeyNameForm(RestrictedChoicesForm, forms.Form):
    """The name of one of the user's passkeys (which one: its id in the form, checked by the
    view against the user's own)."""

    name = forms.CharField(
        label=_("Name"), max_length=64, required=False, strip=True,
        help_text=_("To tell your passkeys apart, for example: work laptop."))
