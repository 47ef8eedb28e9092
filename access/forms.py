"""Forms for role management. Writes happen in access.actions."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm
from access.models import Role
from nucleus.calendars import LocalizedDateField
from organizations.models import Unit


class RoleGrantForm(RestrictedChoicesForm, forms.Form):
    username = forms.CharField(
        label=_("Username"), max_length=150,
        help_text=_("The exact login name of the user; users are not listed. Unless they "
                    "already hold a role here, they get an offer to accept."))
    kind = forms.ChoiceField(label=_("Role"), choices=Role.Kind.choices)
    oversight = forms.BooleanField(
        label=_("Oversight"), required=False,
        help_text=_("Extends access to the records of every unit below this one."))
    identity_access = forms.BooleanField(
        label=_("May reveal identities"), required=False,
        help_text=_("Separate from seeing aliases; every reveal is recorded."))
    international_work = forms.BooleanField(
        label=_("International work"), required=False,
        help_text=_("Drafts, sends and answers for the organization toward its coalitions."))
    since = LocalizedDateField(label=_("Since"), required=False)

    def __init__(self, *args: Any, user: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.unit = user, unit

    def clean_username(self) -> str:
        # Never looked up here: whether a login has this username is not the granter's to
        # learn (accounts/offers.py). Only one's own name is refused, which one knows anyway.
        username: str = self.cleaned_data["username"].strip()
        if username == self.user.username:
            raise forms.ValidationError(
                _("You cannot change your own role: ask another secretary."), code="self")
        return username

    def clean_since(self) -> datetime.date | None:
        since: datetime.date | None = self.cleaned_data["since"]
        if since and since > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."), code="future")
        return since

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # BaseForm.clean returns cleaned_data
        # Nobody gives more than they have: the units the new role would reach must be
        # units whose records (and, for identity access, identities) the granter reaches.
        reach = (Unit.objects.filter(path__startswith=self.unit.path) if data.get("oversight")
                 else Unit.objects.filter(pk=self.unit.pk))
        if data.get("oversight") and reach.exclude(
                pk__in=Unit.objects.holding_records(self.user, "view")).exists():
            self.add_error("oversight", _(
                "You can only give oversight over units whose records you see yourself."))
        if data.get("identity_access") and reach.exclude(
                pk__in=Unit.objects.holding_records(self.user, "reveal")).exists():
            self.add_error("identity_access", _(
                "You can only give identity access where you may reveal identities yourself."))
        return data
