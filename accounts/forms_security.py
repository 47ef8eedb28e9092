"""Forms of the password, token and role offer pages. Writes happen in the actions
(accounts/passwords.py, tokens.py, offers.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm


class ChangePasswordForm(RestrictedChoicesForm, PasswordChangeForm):
    """Django's form: the current password, then the new one twice, checked by the policy."""

    def save(self, commit: bool = True) -> Any:
        raise NotImplementedError("passwords are set by accounts.passwords.do_change_password")


class ResetPasswordForm(RestrictedChoicesForm, forms.Form):
    confirm = forms.BooleanField(
        label=_("I will give the new password to this user in person"),
        help_text=_("It is shown once. The user must change it at the next login; their "
                    "sessions and API tokens end now."))


class TokenForm(RestrictedChoicesForm, forms.Form):
    label = forms.CharField(label=_("What the token is for"), max_length=80, required=False,
                            help_text=_("For example the name of the script or device."))


class OfferCodeForm(RestrictedChoicesForm, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=60,
                           help_text=_("The code the secretary who offered you a role gave you."))


def invitation_field() -> forms.CharField:
    """The founding invitation code, added to the founding forms for users who may not found
    without one (accounts/founding.py)."""
    return forms.CharField(
        label=_("Founding invitation code"), max_length=100,
        help_text=_("On this install only administrators found organizations and coalitions; "
                    "an administrator can give you a one-time code."))
