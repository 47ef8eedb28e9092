"""Activities: the short one-to-one form, the full activity form, follow-ups and the sealed
notes (shown on request, by POST)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from access.helpers import access_object
from fieldwork.actions import (
    do_create_activity,
    do_mark_follow_up_done,
    do_record_one_to_one,
    reveal_activity_notes,
)
from fieldwork.forms import ActivityForm, OneToOneForm
from fieldwork.models import Activity
from fieldwork.views.common import field_crumbs, field_to_record, form_page, unit_crumbs, url_of
from nucleus.web import bound, is_htmx, run_form, safe_next
from organizations.models import Unit


@login_required
@require_http_methods(["GET", "POST"])
def one_to_one(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    field = field_to_record(user, uid, Activity)
    initial = {}
    if request.GET.get("contact"):
        # A uid, as every choice is named (access.choices); the form checks it is offered.
        initial["contact"] = request.GET["contact"]
    form = OneToOneForm(bound(request), user=user, field=field, initial=initial)

    def perform() -> str:
        data = form.cleaned_data
        do_record_one_to_one(acting_user=user, unit=field.unit, contact=data["contact"],
                             member=data["member"], date=data["date"],
                             outcome=data["outcome"], follow_up_on=data["follow_up_on"],
                             notes=data["notes"])
        return safe_next(request, url_of("wall_chart", field))

    return run_form(request, form, perform, _("The one-to-one was recorded.")) or form_page(
        request, form, heading=_("One-to-one in %(field)s") % {"field": field.name},
        crumbs=field_crumbs(field), cancel=url_of("wall_chart", field),
        submit=pgettext("button", "Record"))


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = access_object(Unit, user, uid,
                         queryset=Unit.objects.holding_records(user, "add", model=Activity))
    form = ActivityForm(bound(request), user=user, unit=unit)

    def perform() -> str:
        data = form.cleaned_data
        activity = do_create_activity(acting_user=user, unit=unit, data=form.plain_data(),
                                      members=data["members"], contacts=data["contacts"],
                                      notes=data["notes"])
        if activity.field_id:
            return url_of("field_detail", activity.field)
        return url_of("unit_dashboard", unit)

    return run_form(request, form, perform, _("The activity was recorded.")) or form_page(
        request, form, heading=_("New activity of %(unit)s") % {"unit": unit.name},
        crumbs=unit_crumbs(unit), cancel=url_of("unit_dashboard", unit),
        submit=pgettext("button", "Record"))


@login_required
@require_POST
def follow_up_done(request: HttpRequest, uid: UUID) -> HttpResponse:
    activity = access_object(Activity, request.user, uid, "change")
    # The form sends done=0 to reopen a follow-up; anything else closes it.
    done = request.POST.get("done", "1") != "0"
    do_mark_follow_up_done(acting_user=request.user, activity=activity, done=done)
    messages.success(request, _("The follow-up was marked done.") if done
                     else _("The follow-up was reopened."))
    default = (url_of("field_detail", activity.field) if activity.field_id
               else url_of("unit_dashboard", activity.unit))
    return redirect(safe_next(request, default))


@login_required
@never_cache
@require_POST
def activity_notes(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The decrypted notes and outcome, for the reveal right only, asked for by POST so that
    they never sit in a URL, a cache or a prefetch; the reveal is audited."""
    user = request.user
    activity = access_object(Activity, user, uid, "reveal")
    text = reveal_activity_notes(acting_user=user, activity=activity)
    context = {"activity": activity, "text": text,
               "crumbs": field_crumbs(activity.field) if activity.field
               else unit_crumbs(activity.unit),
               # People through the access layer: one who moved away is not shown here.
               "contacts": activity.contacts.restrict(user),
               "members": activity.members.restrict(user)}
    template = "fieldwork/_notes.html" if is_htmx(request) else "fieldwork/activity_notes.html"
    return render(request, template, context)
