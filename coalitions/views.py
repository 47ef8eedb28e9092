"""Pages of resolutions and joint statements: the list, a resolution, the office's dashboard
and signatory-list import, and the two one-button actions (take up, close).

Access: a resolution through ``CoalitionResolution.objects.restrict`` (``COALITION_SENT``: the
office; the proposing organization; every member organization once circulated); the office's
pages through ``Coalition`` with ``change`` (its office). Anything else answers 404.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from access.helpers import access_object
from coalitions import actions, dashboard, queries
from coalitions.forms import SignatoryListForm
from coalitions.models import (
    AdoptionRule,
    Circulation,
    CoalitionResolution,
    ProposalDraft,
    ResolutionText,
    StatusChange,
)
from coalitions.rights import acts_for, organizations_acting_for
from coalitions.signatories import do_confirm_signatory_list, preview
from fieldwork import charts
from nucleus.calendars import format_date, local_digits
from nucleus.web import error_text, run_step
from organizations.models import Coalition


def resolution_url(resolution: CoalitionResolution) -> str:
    return reverse("coalitions:resolution_detail", kwargs={"uid": resolution.uid})


def draft_url(draft: ProposalDraft) -> str:
    return reverse("coalitions:proposal_draft", kwargs={"uid": draft.uid})


def _sent_label() -> Any:
    return ProposalDraft._meta.get_field("sent_on").verbose_name


@login_required
def proposal_drafts(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The proposals drafted for this coalition in the organizations the user sees into
    (their units' records); the coalition's office sees none of them."""
    user = request.user
    coalition = access_object(Coalition, user, uid)
    drafts = (ProposalDraft.objects.restrict(user).filter(coalition=coalition)
              .select_related("unit__organization"))
    return render(request, "coalitions/proposal_drafts.html", {
        "coalition": coalition, "drafts": drafts,
        "can_propose": organizations_acting_for(user).filter(
            coalition_memberships__coalition=coalition,
            coalition_memberships__status__in=("member", "signatory")).exists(),
        "verbose": ProposalDraft._meta, "sent_label": _sent_label()})


@login_required
def proposal_draft(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    draft = access_object(ProposalDraft, user, uid)
    copy = None
    if draft.sent_copy_id is not None:
        copy = CoalitionResolution.objects.restrict(user).filter(pk=draft.sent_copy_id).first()
    return render(request, "coalitions/proposal_draft.html", {
        "draft": draft, "copy": copy, "sent_label": _sent_label(),
        "acting": acts_for(user, draft.organization)})


@login_required
def resolution_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    offices = list(Coalition.objects.restrict(user, "change").order_by("name"))
    acting = organizations_acting_for(user)
    proposing = list(Coalition.objects.restrict(user).filter(
        memberships__organization__in=acting,
        memberships__status__in=("member", "signatory")).distinct().order_by("name"))
    resolutions = (CoalitionResolution.objects.restrict(user)
                   .select_related("coalition").order_by("coalition__name", "-created_at"))
    return render(request, "coalitions/resolution_list.html", {
        "offices": offices, "proposing": proposing, "resolutions": resolutions,
        "drafts_label": ProposalDraft._meta.verbose_name_plural,
        "reminders": queries.reminders(user)})


def _circulation(resolution: CoalitionResolution) -> Circulation | None:
    return Circulation.objects.filter(resolution=resolution).first()


@login_required
def resolution_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    resolution = access_object(CoalitionResolution, user, uid)
    office = actions.is_office(user, resolution.coalition)
    circulation = _circulation(resolution)
    context: dict[str, Any] = {
        "resolution": resolution, "office": office, "circulation": circulation,
        "rule": AdoptionRule.objects.restrict(user).filter(
            coalition=resolution.coalition).first(),
        "texts": ResolutionText.objects.restrict(user).filter(resolution=resolution)
        .prefetch_related("points"),
        "history": StatusChange.objects.restrict(user).filter(resolution=resolution),
        "signatories": queries.signatory_list(user, resolution),
        "acting": organizations_acting_for(user).exists(),
    }
    if circulation is not None:
        context["answers"] = queries.current_answers(user, circulation)
        context["asked"] = circulation.organizations.count()
        context["threshold"] = actions.threshold_of(circulation)
        context["approvals"] = len(actions.current_approvals(circulation))
        if office:
            context["not_answered"] = queries.not_answered(circulation)
            context["chart"] = approvals_chart(circulation)
    return render(request, "coalitions/resolution_detail.html", context)


def approvals_chart(circulation: Circulation) -> str:
    curve = queries.approvals_over_time(circulation)
    top = max(curve.threshold, curve.points[-1][1] if curve.points else 0, 1)
    title = _("Approvals over time; the top line is the %(n)s approvals needed") % {
        "n": local_digits(curve.threshold)}
    svg = charts.trend(curve.points, title=title, low=0, high=top, width=360, height=160,
                       digits=local_digits, date_label=format_date)
    return mark_safe(svg)  # noqa: S308 (every text is escaped in fieldwork/charts.py)


@login_required
def office_dashboard(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    coalition = access_object(Coalition, user, uid, "change")
    rows = []
    for circulation in (Circulation.objects.restrict(user)
                        .filter(resolution__coalition=coalition)
                        .select_related("resolution").order_by("-circulated_on")):
        rows.append({"circulation": circulation, "resolution": circulation.resolution,
                     "chart": approvals_chart(circulation),
                     "not_answered": queries.not_answered(circulation),
                     "approvals": len(actions.current_approvals(circulation)),
                     "threshold": actions.threshold_of(circulation)})
    waiting = CoalitionResolution.objects.restrict(user).filter(
        coalition=coalition, status=CoalitionResolution.Status.PROPOSED)
    return render(request, "coalitions/dashboard.html", {
        "coalition": coalition, "rows": rows, "waiting": waiting,
        "panels": dashboard.panels(user, coalition)})


@login_required
@require_http_methods(["GET", "POST"])
def signatory_import(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Paste, preview (nothing saved), confirm (the same text, parsed again)."""
    coalition = access_object(Coalition, request.user, uid, "change")
    form = SignatoryListForm(request.POST or None)
    context: dict[str, Any] = {"coalition": coalition, "form": form}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        if "confirm" in request.POST:
            try:
                changed = do_confirm_signatory_list(acting_user=request.user,
                                                    coalition=coalition, text=text)
            except ValidationError as error:
                messages.error(request, error_text(error))
            else:
                messages.success(request, _(
                    "Signatory list confirmed: %(n)s organizations registered or made "
                    "signatories.") % {"n": changed})
                return redirect(reverse("organizations:coalition_detail",
                                        kwargs={"uid": coalition.uid}))
        context["preview"] = preview(text, user=request.user)
    return render(request, "coalitions/signatory_import.html", context)


def _one_button(request: HttpRequest, uid: UUID, perform: Any, done: str) -> HttpResponse:
    resolution = access_object(CoalitionResolution, request.user, uid, "change")
    return run_step(request, perform, done, resolution_url(resolution), resolution=resolution)


@login_required
@require_POST
def take_up(request: HttpRequest, uid: UUID) -> HttpResponse:
    return _one_button(request, uid, actions.do_take_up,
                       _("The proposal is now a draft of the coalition."))


@login_required
@require_POST
def close(request: HttpRequest, uid: UUID) -> HttpResponse:
    return _one_button(request, uid, actions.do_close, _("The resolution is closed."))
