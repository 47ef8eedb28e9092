"""The committee asks a stopped field's cell why; the cell answers. Both pages name the field
(a stop may have no row yet); writes through ``stoppages.actions``."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.helpers import access_object
from fieldwork.models import Field
from nucleus.web import bound, run_form, safe_next
from stoppages import actions
from stoppages.forms import AskForm, ReasonForm
from stoppages.stops import may_ask, stop_of


def _field_url(field: Field) -> str:
    return reverse("fieldwork:field_detail", kwargs={"uid": field.uid})


def _not_stopped(request: HttpRequest, field: Field) -> HttpResponse:
    return render(request, "stoppages/not_stopped.html", {"field": field})


@login_required
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    field = access_object(Field, user, uid)
    if not may_ask(user, field):
        # The cell's own people answer rather than ask (those who may), or read the field.
        may_answer = Field.objects.restrict(user, "change").filter(pk=field.pk).exists()
        return redirect(reverse("stoppages:reason", kwargs={"uid": field.uid})
                        if may_answer else _field_url(field))
    stop = stop_of(user, field)
    if stop is None:
        return _not_stopped(request, field)
    if stop.record is not None and stop.record.pending:
        return render(request, "stoppages/asked.html", {"field": field, "stop": stop})
    form = AskForm(bound(request), user=user)

    def perform() -> str:
        actions.do_ask_reason(acting_user=user, field=field,
                              due_on=form.cleaned_data["due_on"])
        return safe_next(request, _field_url(field))

    return run_form(request, form, perform, _("The cell was asked.")) or render(
        request, "nucleus/form.html", {
            "form": form, "cancel_url": _field_url(field), "submit": _("Ask the cell why"),
            "heading": _("Why has work in %(field)s stopped?") % {"field": field.name},
            "intro": _("The cell's secretaries get a task to say why and how the work "
                       "restarts."),
            "next": request.GET.get("next", "")})


@login_required
@require_http_methods(["GET", "POST"])
def reason(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    field = access_object(Field, user, uid, "change")
    stop = stop_of(user, field)
    if stop is None:
        return _not_stopped(request, field)
    record = stop.record
    initial = ({name: getattr(record, name) for name in actions.ANSWER_FIELDS}
               if record is not None else {})
    form = ReasonForm(bound(request), user=user, initial=initial)

    def perform() -> str:
        actions.do_record_reason(acting_user=user, field=field, data=form.answer())
        return safe_next(request, _field_url(field))

    return run_form(request, form, perform, _("The reason was recorded.")) or render(
        request, "nucleus/form.html", {
            "form": form, "cancel_url": _field_url(field),
            "heading": _("Why has work in %(field)s stopped?") % {"field": field.name},
            "next": request.GET.get("next", "")})
