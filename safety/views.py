"""Freezing an account, its exposure report, unfreezing it, and the list of freezes.

Access: the freeze page is reached from a role of the account, loaded through
``Role.objects.restrict(user, "delete")`` (the unit's secretaries, overseeing secretaries
above): anyone else gets 404, exactly as for a role that does not exist, so the page
confirms no username. A freeze, its report and its unfreeze through
``Freeze.objects.restrict(user, "change")``: the secretaries of the unit it hangs on, and
overseeing secretaries above.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from access.helpers import access_object
from access.models import Role
from audit.log import record_security_event
from audit.models import AuditEvent
from nucleus.web import ActionFormView, Done, error_text
from safety.actions import check_freezable, do_freeze_account, do_unfreeze_account
from safety.forms import FreezeForm, UnfreezeForm
from safety.models import Freeze
from safety.report import build_report


def report_url(freeze: Freeze) -> str:
    return reverse("safety:freeze_report", kwargs={"uid": freeze.uid})


class FreezeView(ActionFormView):
    """uid is a role of the account to freeze."""

    form_class = FreezeForm
    template_name = "safety/freeze.html"
    scoped_model = Role
    scoped_action = "delete"

    def get_heading(self) -> str:
        return _("Freeze the account of %(user)s") % {"user": self.object.user.username}

    def get_cancel_url(self) -> str:
        return reverse("access:role_grant", kwargs={"uid": self.object.unit.uid})

    def get_notice(self) -> str:
        try:
            check_freezable(acting_user=self.request.user, role=self.object)
        except ValidationError as refusal:
            return error_text(refusal)
        return ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(submit=_("Freeze the account now"), **kwargs)

    def perform(self, form: FreezeForm) -> Done:
        freeze = do_freeze_account(acting_user=self.request.user, role=self.object,
                                   reason=form.cleaned_data["reason"])
        return Done(report_url(freeze), _(
            "The account of %(user)s is frozen: its sessions, API tokens and second factors "
            "are ended and its roles suspended.") % {"user": freeze.user.username})


class UnfreezeView(ActionFormView):
    """uid is the freeze."""

    form_class = UnfreezeForm
    scoped_model = Freeze
    scoped_action = "change"

    def get_heading(self) -> str:
        return _("Unfreeze the account of %(user)s") % {"user": self.object.user.username}

    def get_cancel_url(self) -> str:
        return report_url(self.object)

    def get_notice(self) -> str:
        if not self.object.in_force:
            return _("This account is no longer frozen.")
        return _("Its suspended roles are given back from today. The member must change "
                 "this password and enrol the second factor again.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "account": self.object.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(submit=_("Unfreeze the account"), **kwargs)

    def perform(self, form: UnfreezeForm) -> Done:
        do_unfreeze_account(acting_user=self.request.user, freeze=self.object,
                            password=form.cleaned_data["new_password2"])
        return Done(report_url(self.object), _(
            "The account of %(user)s is unfrozen and its roles are given back.") % {
            "user": self.object.user.username})


@login_required
@never_cache
def freeze_report(request: HttpRequest, uid: UUID) -> HttpResponse:
    """What the frozen account saw, revealed, downloaded and changed; reading it is
    audited (it names people and what was known about them)."""
    freeze = access_object(Freeze, request.user, uid, "change")
    report = build_report(request.user, freeze)
    record_security_event(kind=AuditEvent.Action.SECURITY, actor=request.user, subject=freeze,
                          detail={"read": "exposure report"})
    return render(request, "safety/report.html", {"freeze": freeze, "report": report})


@login_required
def freeze_list(request: HttpRequest) -> HttpResponse:
    freezes = (Freeze.objects.restrict(request.user, "change")
               .select_related("user", "unit", "frozen_by", "unfrozen_by"))
    return render(request, "safety/freeze_list.html", {"freezes": freezes})
