"""Who may found: the part of the founding pages (new organization, new coalition) that
applies settings.NUCLEUS_FOUNDERS (accounts/founding.py).

A user who may not found without an invitation gets one more field, the invitation code;
the code is spent in the same transaction as the founding, so an invalid code founds
nothing and a valid one founds exactly once.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.forms_security import invitation_field
from accounts.founding import do_use_founding_invitation, may_found

INVITATION = "invitation"


class FoundingMixin:
    """For an ``ActionFormView`` that founds: call ``self.founded(form, obj)`` in
    ``perform`` right after the founding action."""

    request: Any

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)  # type: ignore[misc]
        if not may_found(self.request.user):
            form.fields[INVITATION] = invitation_field()
        return form

    def get_notice(self) -> str:
        if may_found(self.request.user):
            return ""
        return str(_("Founding needs an invitation code from an install administrator."))

    def founded(self, form: Any, obj: models.Model) -> None:
        if INVITATION in form.fields:
            do_use_founding_invitation(acting_user=self.request.user,
                                       code=form.cleaned_data.get(INVITATION, ""), founded=obj)


def without_invitation(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != INVITATION}
